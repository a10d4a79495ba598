package io.infrapivot.app.cli;

import io.infrapivot.engine.port.CaseInfo;
import io.infrapivot.engine.port.CaseRepository;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.store.CaseCopy;
import io.infrapivot.store.CaseRepositories;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code infrapivot case copy NAME --to STORE} (from this store to another) or {@code --from STORE} (from another
 * into this one): moves a case between SQLite and PostgreSQL without loss — the same rows, ids, evidence bytes.
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy a case to or from another store (postgresql://user@host:5432/db, or a folder of SQLite "
                + "cases), losslessly: same counts, same why, same evidence hashes. The target must be new.")
final class CaseCopyCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The case to copy.")
    String name;

    static final class Direction {
        @Option(names = "--to", paramLabel = "STORE", required = true, description = "Copy from this store into STORE.")
        String to;

        @Option(names = "--from", paramLabel = "STORE", required = true, description = "Copy from STORE into this store.")
        String from;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Direction direction;

    @Option(names = "--as", paramLabel = "NAME", description = "The copy's name (default: the same name).")
    String as;

    @Override
    public Integer call() {
        AppContext ctx = Main.context(spec);
        CaseRepository other;
        try {
            other = CaseRepositories.of(direction.to != null ? direction.to : direction.from, ctx.config().casesDir(),
                    ctx.analyst());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, (direction.to != null ? "--to: " : "--from: ") + e.getMessage());
        }
        CaseRepository source = direction.to != null ? ctx.cases() : other;
        CaseRepository target = direction.to != null ? other : ctx.cases();
        String targetName = as != null ? as : name;
        if (source.location().equals(target.location()) && targetName.equals(name)) {
            throw new CliException(ExitCodes.BAD_INPUT, "the case would be copied onto itself; give --as NAME");
        }
        CaseInfo copied;
        try (CaseStore from = CaseCommand.openExisting(source, name);
             CaseStore to = CaseCommand.open(target, targetName)) {
            copied = CaseCopy.copy(from, to);
        } catch (CaseCopy.TargetNotEmptyException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        }
        Terminal t = ctx.terminal();
        t.println("copied case " + Terminal.v(name) + " to " + Terminal.v(copied.location()) + ": "
                + copied.indicators() + " indicators, " + copied.observations() + " observations, "
                + copied.lookups() + " lookups, " + copied.evidence() + " evidence");
        return ExitCodes.OK;
    }
}
