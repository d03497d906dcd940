package dev.realtime.chat.persistence;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PersistenceConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PersistenceConsumerApplication.class, args);
    }
}
