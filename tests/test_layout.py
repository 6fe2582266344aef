"""The apps of `mentora/` depend downwards only, in the order the README's layout section gives.

Every import counts: at module level, inside functions (lazy imports) and under
`TYPE_CHECKING`; so do models named by string in relations ("programs.Programme").
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mentora"

# From the base to the top; an app imports only from the layers before its own.
LAYERS: list[tuple[str, ...]] = [
    ("core",),
    ("accounts",),
    ("hr_import", "profiles", "learning"),
    ("programs",),
    ("mentorships",),
    ("enrolment",),
    ("matching",),
    ("feedback",),
    ("analytics",),
    ("home", "api"),
    ("demo",),
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}
RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
# The matching engine is a plain numpy library: nothing of Django, nothing of the apps.
ENGINE = PACKAGE / "matching" / "engine"


def apps_on_disk() -> list[str]:
    return sorted(
        path.parent.name for path in PACKAGE.glob("*/apps.py") if path.parent.name != "engine"
    )


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module an AST imports, wherever the import sits, with its line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            # `from mentora import programs` names an app too.
            if node.module == "mentora":
                found += [(node.lineno, f"mentora.{alias.name}") for alias in node.names]
    return found


def related_models(tree: ast.AST) -> list[tuple[int, str]]:
    """Apps named by string in model relations: `ForeignKey("programs.Programme", …)`."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        target = node.args[0]
        if name in RELATIONS and isinstance(target, ast.Constant) and "." in str(target.value):
            found.append((node.lineno, "mentora." + str(target.value).split(".")[0]))
    return found


def upward_dependencies(app: str, package: Path = PACKAGE) -> list[str]:
    problems = []
    for path in sorted((package / app).rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for line, module in imported_modules(tree) + related_models(tree):
            parts = module.split(".")
            if parts[0] != "mentora" or len(parts) < 2 or parts[1] == app:
                continue
            other = parts[1]
            if other in LEVEL and LEVEL[other] >= LEVEL[app]:
                where = path.relative_to(package.parent)
                problems.append(f"{where}:{line}: {app} imports {module} (not below it)")
    return problems


def test_every_app_has_a_place_in_the_layers():
    assert sorted(LEVEL) == apps_on_disk()


@pytest.mark.parametrize("app", [app for apps in LAYERS for app in apps])
def test_app_imports_only_the_apps_below_it(app):
    problems = upward_dependencies(app)
    assert not problems, "\n".join(problems)


def test_the_matching_engine_imports_neither_django_nor_an_app():
    problems = []
    for path in sorted(ENGINE.rglob("*.py")):
        for line, module in imported_modules(ast.parse(path.read_text())):
            top = module.split(".")
            if top[0] == "django" or (top[0] == "mentora" and top[1:3] != ["matching", "engine"]):
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {module}")
    assert not problems, "\n".join(problems)


def test_a_lazy_upward_import_is_caught(tmp_path):
    lower = tmp_path / "mentora" / "programs"
    lower.mkdir(parents=True)
    (lower / "views.py").write_text("def f():\n    from mentora.matching import selectors\n")
    assert upward_dependencies("programs", tmp_path / "mentora") == [
        "mentora/programs/views.py:2: programs imports mentora.matching (not below it)"
    ]


def test_a_relation_to_a_higher_app_is_caught(tmp_path):
    lower = tmp_path / "mentora" / "learning"
    lower.mkdir(parents=True)
    (lower / "models.py").write_text('m = models.ManyToManyField("programs.Programme")\n')
    assert upward_dependencies("learning", tmp_path / "mentora") == [
        "mentora/learning/models.py:1: learning imports mentora.programs (not below it)"
    ]
