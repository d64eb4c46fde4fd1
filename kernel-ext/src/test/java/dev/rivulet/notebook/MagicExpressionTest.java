package dev.rivulet.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MagicExpressionTest {
    private static final Map<String, String> VARIABLES = Map.of("flow", "Dataflow", "flows", "List<Dataflow>",
            "metrics", "dev.rivulet.Dataflow", "x", "int");

    @Test
    void aMisspeltVariableGetsTheClosestNameAndTheFlowsThereAre() {
        assertThat(MagicExpression.cannotEvaluate("run_main", "flwo", "cannot find symbol", VARIABLES))
                .isEqualTo("%run_main: there is no variable `flwo` in the notebook; did you mean `flow`?"
                        + " (the notebook's Dataflow variables: flow, metrics)");
        assertThat(MagicExpression.closest("metrcs", VARIABLES)).isEqualTo("metrics");
        assertThat(MagicExpression.closest("flw", VARIABLES)).isEqualTo("flow");
    }

    @Test
    void nothingCloseMeansNoGuess() {
        assertThat(MagicExpression.closest("orders", VARIABLES)).isNull();
        assertThat(MagicExpression.closest("y", VARIABLES)).isNull();
        assertThat(MagicExpression.cannotEvaluate("spawn_cluster", "orders", "cannot find symbol", Map.of()))
                .isEqualTo("%spawn_cluster: there is no variable `orders` in the notebook");
    }

    @Test
    void otherExpressionsKeepTheCompilersReason() {
        assertThat(MagicExpression.cannotEvaluate("run_main", "flows.get(", "error: ')' expected", VARIABLES))
                .isEqualTo("%run_main: cannot evaluate 'flows.get(':\nerror: ')' expected");
    }
}
