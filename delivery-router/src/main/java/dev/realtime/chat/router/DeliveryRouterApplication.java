package dev.realtime.chat.router;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DeliveryRouterApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeliveryRouterApplication.class, args);
    }
}
