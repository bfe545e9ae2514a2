package bulkreg.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Runs calls on threads of their own, released together, so requests really race each other. */
public final class AtTheSameMoment {

    private AtTheSameMoment() {
    }

    /** Runs every call at once and returns their answers in the calls' order. */
    public static <T> List<T> run(List<Supplier<T>> calls) {
        var barrier = new CyclicBarrier(calls.size());
        try (var threads = Executors.newFixedThreadPool(calls.size())) {
            var futures = calls.stream().map(call -> CompletableFuture.supplyAsync(() -> {
                try {
                    barrier.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return call.get();
            }, threads)).toList();
            return futures.stream().map(CompletableFuture::join).toList();
        }
    }
}
