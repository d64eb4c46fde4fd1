package dev.rivulet.engine;

import dev.rivulet.KV;
import dev.rivulet.StableHash;
import dev.rivulet.flow.StreamRef;
import java.util.List;
import java.util.function.Predicate;

/**
 * Base of every keyed stateful step: items are {@link KV}s routed by a stable hash of the key to
 * the worker owning it, where one {@link KeyedLogic} per key holds the state.
 */
public abstract class KeyedStep extends Step {
    private static final long serialVersionUID = 1L;

    protected KeyedStep(String stepId, StreamRef input) {
        super(stepId, List.of(input));
    }

    /** A fresh logic for {@code key}, or one restored from {@code snapshot} when it is not null. */
    protected abstract KeyedLogic createLogic(Object key, Object snapshot) throws Exception;

    @Override
    public Router router(int input, WorkerInfo worker) {
        int workers = worker.count();
        if (workers == 1) {
            // Everything stays here; only check that the key could be routed (so a flow that runs
            // on one worker runs on many), once per key class where the class decides.
            return new Router.ByKey() {
                private Class<?> checked;

                @Override
                public int routeKeyed(Object key, Object value) {
                    if (key == null || key.getClass() != checked) {
                        try {
                            StableHash.of(key);
                        } catch (StableHash.UnroutableKeyException e) {
                            throw StepFailure.invalid(KeyedStep.this, new KV<>(key, value), e.getMessage());
                        }
                        if (!(key instanceof Record) && !(key instanceof List)) {
                            checked = key.getClass();
                        }
                    }
                    return 0;
                }
            };
        }
        return new Router.ByKey() {
            @Override
            public int routeKeyed(Object key, Object value) {
                try {
                    return StableHash.workerFor(key, workers);
                } catch (StableHash.UnroutableKeyException e) {
                    throw StepFailure.invalid(KeyedStep.this, new KV<>(key, value), e.getMessage());
                }
            }
        };
    }

    /** Which keys' resume state belongs to the worker of {@code context}. */
    public static Predicate<Object> ownedKeys(OperatorContext context) {
        int worker = context.workerIndex();
        int workers = context.workerCount();
        return key -> StableHash.isRoutable(key) && StableHash.workerFor(key, workers) == worker;
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new KeyedOperator(this);
    }
}
