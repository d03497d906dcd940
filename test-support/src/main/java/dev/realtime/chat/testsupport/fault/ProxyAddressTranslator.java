package dev.realtime.chat.testsupport.fault;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverOption;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.addresstranslation.AddressTranslator;
import java.net.InetSocketAddress;

/**
 * Keeps the Cassandra driver on a {@link TcpProxy}. The driver connects to its contact points, then learns every
 * node's address from {@code system.local}/{@code system.peers} (here 127.0.0.1:9042) and would connect there
 * directly, around the proxy. This translator maps every address the cluster advertises to the proxy.
 *
 * <p>Use it with {@link #applyTo(ProgrammaticDriverConfigLoaderBuilder, TcpProxy)} (e.g. from a Spring Boot
 * {@code DriverConfigLoaderBuilderCustomizer}) and the proxy's {@link TcpProxy#address()} as the contact point.
 * Single-node clusters only (every node maps to the one proxy).
 */
public class ProxyAddressTranslator implements AddressTranslator {

    /** Driver option holding the proxy's {@code host:port}. */
    public static final DriverOption PROXY_ADDRESS = new DriverOption() {
        @Override
        public String getPath() {
            return "advanced.address-translator.proxy-address";
        }
    };

    private final InetSocketAddress proxy;

    /** Called by the driver, which instantiates the class named in {@code advanced.address-translator.class}. */
    public ProxyAddressTranslator(DriverContext context) {
        String address = context.getConfig().getDefaultProfile().getString(PROXY_ADDRESS);
        int colon = address.lastIndexOf(':');
        this.proxy = InetSocketAddress.createUnresolved(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)));
    }

    /** Points the driver at the proxy: address translation only; set the contact point to the proxy too. */
    public static ProgrammaticDriverConfigLoaderBuilder applyTo(ProgrammaticDriverConfigLoaderBuilder builder,
            TcpProxy tcpProxy) {
        return builder.withClass(DefaultDriverOption.ADDRESS_TRANSLATOR_CLASS, ProxyAddressTranslator.class)
                .withString(PROXY_ADDRESS, tcpProxy.address());
    }

    @Override
    public InetSocketAddress translate(InetSocketAddress address) {
        return new InetSocketAddress(proxy.getHostString(), proxy.getPort());
    }

    @Override
    public void close() {
        // nothing to release
    }
}
