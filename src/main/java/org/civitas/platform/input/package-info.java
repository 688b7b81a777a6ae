/**
 * One small pure parser per kind of value people send: whole numbers, decimal numbers, dates and
 * date-times, sizes and paging. Each refuses what is too long or out of range before it does any
 * arithmetic on it, and answers either a value or the rule the text broke ({@link org.civitas.platform.input.Rule}).
 * Every channel (pages, Open311, /api/v1) parses through these and words the refusal in its own format.
 * Coordinates are parsed by the requests module's single submission path.
 */
package org.civitas.platform.input;
