package dev.realtime.chat.system;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One running system per test JVM (starting it costs half a minute), stopped when the JVM exits. */
final class SharedSystem {

    private static RunningSystem system;

    private SharedSystem() {
    }

    static synchronized RunningSystem get() {
        if (system == null) {
            try {
                system = RunningSystem.start(4);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "system-tests-stop"));
        }
        return system;
    }
}
