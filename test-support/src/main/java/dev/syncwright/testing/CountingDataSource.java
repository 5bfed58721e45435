package dev.syncwright.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A data source that counts every statement executed through it (prepared, plain and batched: one
 * per {@code execute*} call), for tests and benchmarks that bound the database work of an operation.
 */
public final class CountingDataSource {
    private CountingDataSource() {
    }

    /** {@code ds}, counting into {@code count}. */
    public static DataSource wrap(DataSource ds, AtomicLong count) {
        return (DataSource) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                forward(ds, count, "getConnection"));
    }

    private static InvocationHandler forward(Object target, AtomicLong count, String wrapResultOf) {
        return (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                count.incrementAndGet();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Connection c && method.getName().equals(wrapResultOf)) {
                return Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {Connection.class},
                        forward(c, count, "statement"));
            }
            if (result instanceof Statement s && wrapResultOf.equals("statement")) {
                Class<?> type = result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, forward(s, count, "none"));
            }
            return result;
        };
    }
}
