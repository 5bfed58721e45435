package dev.syncwright.samples.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * An inventory service whose PostgreSQL database is a Syncwright server: sync-spring provisions the
 * {@code products} table on start (application.properties) and provides a {@code SyncService}.
 */
@SpringBootApplication
@EnableScheduling
public class InventoryApplication {
    public static void main(String[] args) {
        SpringApplication.run(InventoryApplication.class, args);
    }
}
