package org.civitas.platform.ratelimit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import org.civitas.platform.RateLimits;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The rate limits every module claims ({@link RateLimits}), counted in PostgreSQL by
 * {@link RateLimitFilter} in front of Spring Security (order -110; security is -100), so a refused
 * request costs no password hash, no session and no handler. {@code CIVITAS_RATE_LIMIT_ENABLED=false}
 * turns them all off (the tests' shared configuration does; RateLimitTest turns them on).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    static final int ORDER = -110;
    static final String PREFIX = "civitas.rate-limit.";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SETTING = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\S+)\\s*");

    @Bean
    PostgresBuckets rateLimitBuckets(JdbcClient jdbc, Clock clock) {
        return new PostgresBuckets(jdbc, timeOf(clock), ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO));
    }

    @Bean
    RateLimiter rateLimiter(PostgresBuckets buckets, JdbcClient jdbc) {
        return new RateLimiter(buckets, subjectKey(jdbc));
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimiter limiter, ObjectProvider<RateLimits> claims, Environment environment) {
        boolean enabled = environment.getProperty(PREFIX + "enabled", Boolean.class, true);
        List<RateLimitFilter.Rule> rules = enabled ? rules(claims.orderedStream().toList(), environment) : List.of();
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(new RateLimitFilter(limiter, rules));
        registration.setOrder(ORDER);
        registration.setName("rateLimitFilter");
        registration.setEnabled(enabled && !rules.isEmpty());
        return registration;
    }

    /** Every claimed limit, with the capacity and window configured for its name (or the claimed default). */
    static List<RateLimitFilter.Rule> rules(List<RateLimits> claims, Environment environment) {
        List<RateLimitFilter.Rule> rules = new ArrayList<>();
        PathPatternParser parser = PathPatternParser.defaultInstance;
        for (RateLimits module : claims) {
            module.claim(new RateLimits.Claims() {
                @Override
                public RateLimits.Claims limit(String name, String method, String pathPattern, long requests, Duration window,
                                               RateLimits.Subject subject) {
                    if (!NAME.matcher(name).matches()) {
                        throw new IllegalArgumentException("a rate limit's name is lower-case words with dashes: " + name);
                    }
                    RateLimiter.Limit limit = configured(name, environment.getProperty(PREFIX + name), requests, window);
                    rules.add(new RateLimitFilter.Rule(method.toUpperCase(Locale.ROOT), parser.parse(pathPattern), limit, subject));
                    return this;
                }
            });
        }
        return rules;
    }

    /** {@code 10/1m}, {@code 600/PT1M}, {@code 5/30s}: requests per window; anything else stops start-up naming the variable. */
    static RateLimiter.Limit configured(String name, String setting, long requests, Duration window) {
        if (setting == null || setting.isBlank()) {
            return new RateLimiter.Limit(name, requests, window);
        }
        String variable = "CIVITAS_RATE_LIMIT_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
        var parts = SETTING.matcher(setting);
        try {
            if (parts.matches()) {
                Duration configured = DurationStyle.detectAndParse(parts.group(2));
                long configuredRequests = Long.parseLong(parts.group(1));
                if (configuredRequests >= 1 && !configured.isNegative() && !configured.isZero() && configured.compareTo(Duration.ofDays(7)) <= 0) {
                    return new RateLimiter.Limit(name, configuredRequests, configured);
                }
            }
        }
        catch (IllegalArgumentException e) {
            // answered below
        }
        throw new IllegalStateException(variable + " must be <requests>/<window>, such as 10/1m (at least one request, a window "
                + "of up to 7 days)");
    }

    /** The HMAC key for subjects: made once, by the first node to start, and shared by all. */
    private static byte[] subjectKey(JdbcClient jdbc) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into platform.rate_limit_key (id, key) values (1, ?) on conflict do nothing").param(fresh).update();
        return jdbc.sql("select key from platform.rate_limit_key where id = 1").query((rs, n) -> rs.getBytes(1)).single();
    }

    /** Bucket4j's time from the application's clock, in nanoseconds of wall time. */
    static TimeMeter timeOf(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
