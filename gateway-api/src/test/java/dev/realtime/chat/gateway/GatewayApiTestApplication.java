package dev.realtime.chat.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs gateway-api alone, as chat-gateway would (component scan of dev.realtime.chat.gateway). */
@SpringBootApplication
public class GatewayApiTestApplication {
}
