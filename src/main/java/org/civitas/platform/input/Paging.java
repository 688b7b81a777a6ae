package org.civitas.platform.input;

/**
 * Which page of a list people ask for, and how long a page. Pages count from 1; a page's size runs
 * from 1 to a maximum each list sets. Both are refused when out of range, so the offset a page
 * makes ({@link #offset}) is never negative and never overflows.
 */
public final class Paging {

    /** The furthest page any list serves; no list here is long enough to need more. */
    public static final int MAX_PAGE = 1_000_000;

    private Paging() {
    }

    /** A page number from 1 to {@code maxPage}; 1 when absent or blank. */
    public static Parsed<Integer> page(String text, int maxPage) {
        return WholeNumbers.parseInt(text, 1, Math.max(1, maxPage), 1);
    }

    /** A page number from 1 to {@link #MAX_PAGE}; 1 when absent or blank. */
    public static Parsed<Integer> page(String text) {
        return page(text, MAX_PAGE);
    }

    /** A page size from 1 to {@code max}; {@code otherwise} when absent or blank. */
    public static Parsed<Integer> size(String text, int otherwise, int max) {
        if (otherwise < 1 || otherwise > max) {
            throw new IllegalArgumentException("default size " + otherwise + " outside 1.." + max);
        }
        return WholeNumbers.parseInt(text, 1, max, otherwise);
    }

    /** Where page {@code page} of {@code size} starts: exact for every page and size these parsers accept. */
    public static long offset(int page, int size) {
        return ((long) page - 1) * size;
    }
}
