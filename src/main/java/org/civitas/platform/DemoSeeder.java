package org.civitas.platform;

/**
 * Seeds one module's part of the demo body on the first start of an empty database. All seeders
 * run in one transaction, in {@link org.springframework.core.annotation.Order} order.
 */
public interface DemoSeeder {

    /**
     * @param demo shared facts of the demo (passwords, API key) decided once for all seeders
     */
    void seed(DemoBody demo);
}
