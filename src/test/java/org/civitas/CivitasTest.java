package org.civitas;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, against its own embedded PostgreSQL, with the demo body
 * seeded (demo password {@value #DEMO_PASSWORD}, API key {@value #DEMO_API_KEY}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = CivitasApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface CivitasTest {

    String DEMO_PASSWORD = "Demo-password-for-tests-1";
    String DEMO_API_KEY = "civ_demo_test_key_0123456789abcdefghij";
}
