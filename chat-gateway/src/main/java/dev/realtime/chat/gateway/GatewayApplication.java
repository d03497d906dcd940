package dev.realtime.chat.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GatewayApplication {

    /** Tomcat's per-session WebSocket read/write buffers (8 KB each by default), read once when its classes load. */
    static final String TOMCAT_WS_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        // 1 KB instead of 8 KB: three of them per connection made most of an idle connection's heap; chat frames
        // are a few hundred bytes, and a bigger one is simply read and written in several chunks.
        if (System.getProperty(TOMCAT_WS_BUFFER) == null) {
            System.setProperty(TOMCAT_WS_BUFFER, "1024");
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
