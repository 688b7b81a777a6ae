package org.civitas;

import org.civitas.platform.CivitasProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableConfigurationProperties(CivitasProperties.class)
@EnableScheduling
public class CivitasApplication {

    public static void main(String[] args) {
        SpringApplication.run(CivitasApplication.class, args);
    }
}
