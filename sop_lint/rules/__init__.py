"""The rules: one family per module (`p_structure`, `m_identity`, …), and ONE
table of codes, `RULES`, below — as yamllint's `_RULES` and ruff's `codes.rs`.

Nothing is discovered: a rule exists when its code is in the table, which
names the family module and the class. Adding a rule is one class in its
family module and one line here (CONTRIBUTING.md has the whole recipe);
`tests/test_rule_table.py` fails on a `Rule` class the table does not list.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..rule import Rule

# code -> (family module of this package, rule class), in code order.
RULES: dict[str, tuple[str, str]] = {
    "C201": ("c_completeness", "MissingSection"),  # missing-section
    "C202": ("c_completeness", "EmptySection"),  # empty-section
    "C203": ("c_completeness", "PlaceholderItem"),  # placeholder-item
    "C204": ("c_completeness", "PeringatanNotAWarning"),  # peringatan-not-a-warning
    "C205": ("c_completeness", "KeterkaitanNotAnSop"),  # keterkaitan-not-an-sop
    "D501": ("d_duration", "MissingDuration"),  # missing-duration
    "D502": ("d_duration", "UnquantifiedDuration"),  # unquantified-duration
    "D503": ("d_duration", "DurationWithoutUnit"),  # duration-without-unit
    "D504": ("d_duration", "UnknownDurationUnit"),  # unknown-duration-unit
    "D505": ("d_duration", "InvalidDuration"),  # invalid-duration
    "D506": ("d_duration", "ExceedsTimeLimit"),  # exceeds-time-limit
    "D511": ("d_duration", "MissingRequirements"),  # missing-requirements
    "D512": ("d_duration", "MissingOutput"),  # missing-output
    "L601": ("l_legal", "MalformedCitation"),  # malformed-citation
    "L602": ("l_legal", "RevokedRegulation"),  # revoked-regulation
    "L603": ("l_legal", "DuplicateCitation"),  # duplicate-citation
    "L604": ("l_legal", "ImplausibleYear"),  # implausible-year
    "L605": ("l_legal", "WrongRegulationYear"),  # wrong-regulation-year
    "L606": ("l_legal", "WrongRegulationTitle"),  # wrong-regulation-title (preview)
    "M101": ("m_identity", "MissingIdentityField"),  # missing-identity-field
    "M102": ("m_identity", "InvalidDate"),  # invalid-date
    "M103": ("m_identity", "IncompleteDate"),  # incomplete-date
    "M104": ("m_identity", "DateOrder"),  # date-order
    "M105": ("m_identity", "InvalidNip"),  # invalid-nip
    "M106": ("m_identity", "FutureDate"),  # future-date
    "M107": ("m_identity", "MalformedSopNumber"),  # malformed-sop-number
    "M108": ("m_identity", "NipSpacing"),  # nip-spacing
    "P001": ("p_structure", "SyntaxErrorRule"),  # syntax-error
    "P002": ("p_structure", "UnknownSection"),  # unknown-section
    "P003": ("p_structure", "UnknownKey"),  # unknown-key
    "P004": ("p_structure", "DuplicateSection"),  # duplicate-section
    "P005": ("p_structure", "NotUtf8"),  # not-utf8
    "P006": ("p_structure", "UnusedSuppression"),  # unused-suppression
    "P007": ("p_structure", "MissingTitle"),  # missing-title
    "P008": ("p_structure", "SectionOrder"),  # section-order
    "P009": ("p_structure", "DuplicateKey"),  # duplicate-key
    "P010": ("p_markdown_table", "MarkdownTableProcedure"),  # markdown-table-procedure
    "R301": ("r_roles", "UndeclaredRole"),  # undeclared-role
    "R302": ("r_roles", "UnusedRole"),  # unused-role
    "R303": ("r_roles", "MissingPerformer"),  # missing-performer
    "R304": ("r_roles", "SimilarRoleNames"),  # similar-role-names
    "R305": ("r_roles", "DuplicateRole"),  # duplicate-role
    "R306": ("r_roles", "RoleNotInRegistry"),  # role-not-in-registry
    "R307": ("r_roles", "SinglePerformer"),  # single-performer
    "R308": ("r_roles", "ActivityNamesOtherRole"),  # activity-names-other-role
    "S401": ("s_flow", "StepNumbering"),  # step-numbering
    "S402": ("s_flow", "BrokenStepReference"),  # broken-step-reference
    "S403": ("s_flow", "IncompleteDecision"),  # incomplete-decision
    "S404": ("s_flow", "UnreachableStep"),  # unreachable-step
    "S405": ("s_flow", "NoExit"),  # no-exit
    "S406": ("s_flow", "SelfReference"),  # self-reference
    "S407": ("s_flow", "EmptyActivity"),  # empty-activity
    "S408": ("s_flow", "NoSteps"),  # no-steps
    "S409": ("s_flow", "NumberedTerminator"),  # numbered-terminator
    # Repository rules: defined in sop_lint.repository.rules, they read every file's facts.
    "X701": ("x_repository", "UnknownRelatedSop"),  # unknown-related-sop
    "X702": ("x_repository", "DuplicateSopNumber"),  # duplicate-sop-number
}

_LOADED: dict[str, type[Rule]] = {}


def all_rules() -> dict[str, type[Rule]]:
    """Every rule of the table by code, in code order (the modules are imported on first use)."""
    if not _LOADED:
        for code, (module, name) in sorted(RULES.items()):
            rule: type[Rule] = getattr(import_module(f"{__name__}.{module}"), name)
            if rule.code != code:
                raise TypeError(f"RULES[{code!r}] names {module}.{name}, whose code is {rule.code}")
            _LOADED[code] = rule
    return dict(_LOADED)
