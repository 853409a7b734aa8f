package dev.spacetime.server.workload;

import dev.spacetime.catalog.Metrics;
import dev.spacetime.catalog.WorkloadRejection;
import dev.spacetime.server.config.ServerConfig;
import dev.spacetime.server.connections.ConnectionGuard;
import dev.spacetime.server.http.ApiException;
import dev.spacetime.server.http.ErrorHandler;
import dev.spacetime.server.metrics.ServerMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool scene operations run on, apart from the monitoring routes (which have their own executor): a
 * fixed number of threads and a bounded queue. When both are full a request is refused at once with 503 and
 * {@code Retry-After} instead of waiting without limit. An operation is cancelled (its thread interrupted, or it is
 * taken off the queue) when its client closes the connection or when it is still unfinished at the deadline, so a
 * slot is never held for nobody; the scene engine checks for the interrupt between nodes.
 *
 * <p>Exports {@code workload_in_flight} (operations actually running, so a cancelled one counts until its thread
 * has really stopped), {@code workload_queue_depth}, {@code workload_threads} and
 * {@code workload_rejections_total{reason}}.
 */
public final class Workload implements AutoCloseable {
    /** What a refused client is told to wait: the queue turns over within seconds at most under normal load. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final Vertx vertx;
    private final ThreadPoolExecutor executor;
    private final long deadlineMs;
    private final ConnectionGuard connections;
    private final AtomicInteger running = new AtomicInteger();
    private final Map<WorkloadRejection, CounterDataPoint> rejections = new EnumMap<>(WorkloadRejection.class);

    public Workload(Vertx vertx, ServerConfig.Workload config, ConnectionGuard connections, ServerMetrics metrics) {
        this.vertx = vertx;
        this.deadlineMs = config.deadline().toMillis();
        this.connections = connections;
        BlockingQueue<Runnable> queue = config.queue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(config.queue());
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS, queue,
                r -> {
                    Thread t = new Thread(r, "workload-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        metrics.gaugeSource(Metrics.WORKLOAD_IN_FLIGHT, running::get);
        metrics.gaugeSource(Metrics.WORKLOAD_QUEUE_DEPTH, () -> executor.getQueue().size());
        metrics.gaugeSource(Metrics.WORKLOAD_THREADS, config::threads);
        for (WorkloadRejection reason : WorkloadRejection.values()) {
            rejections.put(reason, metrics.counter(Metrics.WORKLOAD_REJECTIONS).labelValues(reason.label()));
        }
    }

    /**
     * Runs {@code work} on the pool for the request; call on the request's event loop. The future completes there
     * with the result or the work's failure; it fails with a 503 {@link ApiException} when the pool is full (at
     * once) or the deadline passed, and with a {@link CancellationException} when the client has gone.
     */
    public <T> Future<T> submit(RoutingContext rc, Callable<T> work) {
        Job<T> job = new Job<>(work, vertx.getOrCreateContext());
        try {
            executor.execute(job);
        } catch (RejectedExecutionException e) {
            rejections.get(WorkloadRejection.QUEUE_FULL).inc();
            return Future.failedFuture(overloaded("every scene worker is busy and " + executor.getQueue().size()
                    + " requests are waiting"));
        }
        // Completion is delivered on this event loop after this handler returns, so both are set up before it.
        long timer = vertx.setTimer(deadlineMs, id -> job.cancel(WorkloadRejection.DEADLINE));
        Runnable unregister = connections.onClose(rc.request(), () -> job.cancel(WorkloadRejection.CLIENT_CLOSED));
        return job.promise.future().onComplete(ar -> {
            vertx.cancelTimer(timer);
            unregister.run();
        });
    }

    private static ApiException overloaded(String why) {
        return new ApiException(503, ErrorHandler.errorCode(503), "the server is overloaded: " + why
                + "; retry later", Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
    }

    /** Stops the pool, interrupting running work. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** One operation: queued, then running, then done or cancelled. */
    private final class Job<T> extends FutureTask<T> {
        private final Context context;
        private final Promise<T> promise = Promise.promise();
        private volatile WorkloadRejection cancelledFor;

        Job(Callable<T> work, Context context) {
            super(() -> {
                running.incrementAndGet();
                try {
                    return work.call();
                } finally {
                    running.decrementAndGet();
                }
            });
            this.context = context;
        }

        void cancel(WorkloadRejection reason) {
            if (isDone()) {
                return;
            }
            cancelledFor = reason;
            if (cancel(true)) {
                executor.remove(this);
                rejections.get(reason).inc();
            }
        }

        @Override
        protected void done() {
            context.runOnContext(v -> {
                if (isCancelled()) {
                    promise.fail(cancelledFor == WorkloadRejection.DEADLINE
                            ? overloaded("the operation did not finish within its deadline of " + deadlineMs + " ms")
                            : new CancellationException("the client closed the connection"));
                    return;
                }
                try {
                    promise.complete(get());
                } catch (ExecutionException e) {
                    promise.fail(e.getCause());
                } catch (InterruptedException | CancellationException e) {
                    promise.fail(e);
                }
            });
        }
    }
}
