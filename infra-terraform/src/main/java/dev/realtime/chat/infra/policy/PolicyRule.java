package dev.realtime.chat.infra.policy;

import java.util.List;

/** One check over the whole project. Rules never throw for bad configuration: they report violations. */
public interface PolicyRule {

    String name();

    List<Violation> check(TerraformProject project);
}
