package io.infrapivot.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A read connection that keeps the statements prepared on it: {@code prepareStatement(sql)} hands back the
 * statement prepared for that SQL before (SQLite's prepare is much of a small read's cost), and closing it
 * only clears its parameters. A statement still open when the same SQL is asked again (a nested read) is not
 * shared: the second caller gets a statement of its own. One thread uses a pooled connection at a time.
 */
final class StatementCache {
    static final int MAX_STATEMENTS = 64;

    private StatementCache() {
    }

    static Connection wrap(Connection real) {
        Map<String, PreparedStatement> kept = new HashMap<>();
        Set<String> inUse = new HashSet<>();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                        String sql = (String) args[0];
                        PreparedStatement ps = kept.get(sql);
                        if (ps == null && !inUse.contains(sql) && kept.size() < MAX_STATEMENTS) {
                            ps = real.prepareStatement(sql);
                            kept.put(sql, ps);
                        }
                        if (ps == null || inUse.contains(sql)) return real.prepareStatement(sql);
                        inUse.add(sql);
                        return reusable(ps, () -> inUse.remove(sql));
                    }
                    if (method.getName().equals("unwrap") && args != null && args[0] == Connection.class) return real;
                    return call(real, method, args);
                });
    }

    private static PreparedStatement reusable(PreparedStatement ps, Runnable release) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            try {
                                ps.clearParameters();
                            } finally {
                                release.run();
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return false;
                        }
                        default -> {
                            return call(ps, method, args);
                        }
                    }
                });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } catch (IllegalAccessException e) {
            throw new SQLException(e);
        }
    }
}
