package io.attain.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

import io.attain.gateway.observability.AccessLog;

/**
 * Collects the gateway's access log lines while open (try-with-resources). The log is written by a background
 * thread, so tests read {@link #lines()} inside an await.
 */
public final class AccessLogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(AccessLog.CATEGORY);

    private AccessLogCapture() {
    }

    public static AccessLogCapture start() {
        AccessLogCapture capture = new AccessLogCapture();
        capture.logger.addHandler(capture);
        return capture;
    }

    /** The formatted lines logged since {@link #start()}. */
    public List<String> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
