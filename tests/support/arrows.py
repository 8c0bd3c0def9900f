"""Read the imports of `rumours/` and name the arrows the architecture forbids.

docs/architecture.md draws the parts and the arrows between them; this module is
that picture in a form a test can hold against the code. It reads source with
`ast`, so imports inside functions count as much as those at the top of a file.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

FACES = {"admin", "reader", "api"}

# The reader's template tags have to live in `rumours/templatetags/` for
# Django's template library to find them; they belong to the reader face.
PART_ALIASES = {"templatetags": "reader"}

DOMAIN = {"models", "filters", "images"}

# Parts that hear about writes through signals and keep something current.
LISTENERS = {"cache", "search", "webhooks"}

# Claims from copy (#14): proposes claims from a story's text, saves nothing,
# and reads the domain's models only, so any face (the admin's review page)
# and the services may use it; the domain and the listeners may not.
EXTRACTION = "extraction"

# What each part must never import, by part name.
NEVER = {
    **{face: FACES - {face} for face in FACES},
    **{part: FACES | LISTENERS | {"services", "demo", EXTRACTION} for part in DOMAIN},
    "services": FACES | LISTENERS | {"demo"},
    **{
        part: FACES | LISTENERS - {part} | {"services", "demo", EXTRACTION}
        for part in LISTENERS
    },
    "demo": FACES | LISTENERS,
    EXTRACTION: FACES | LISTENERS | {"services", "demo", "filters", "images"},
}


@dataclass(frozen=True)
class Arrow:
    importer: str
    imported: str

    def __str__(self):
        return f"{self.importer} imports {self.imported}"


def part_of(module):
    """`rumours.reader.views.articles` -> `reader`; `rumours.apps` -> `apps`."""
    bits = module.split(".")
    if len(bits) < 2 or bits[0] != "rumours":
        return None
    return PART_ALIASES.get(bits[1], bits[1])


def imported_modules(module, source, *, is_package=False):
    """Every module an import in `source` names, relative imports resolved."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            if target == "rumours":
                # `from rumours import admin` names the part in the alias.
                yield from (f"rumours.{alias.name}" for alias in node.names)
            else:
                yield target


def forbidden_arrows(sources):
    """The never-arrows in `sources`: {module name: (source, is_package)}."""
    found = set()
    for module, (source, is_package) in sources.items():
        importer = part_of(module)
        for target in imported_modules(module, source, is_package=is_package):
            imported = part_of(target)
            if imported in NEVER.get(importer, ()):
                found.add(Arrow(module, target))
    return sorted(found, key=str)


def read_package(root):
    """{module name: (source, is_package)} under `root`, migrations aside."""
    root = Path(root)
    sources = {}
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        sources[".".join(parts)] = (path.read_text(), is_package)
    return sources
