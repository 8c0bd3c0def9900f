"""Print the mutation score of each core module after `mutmut run`.

Reads `mutmut results --all true`, sets aside the mutants listed in
`mutation/equivalent.txt` (each with the reason no test can tell it from the
original), and prints killed / (all - set aside) per module. Exits 1 when a
module is under the floor, so `make mutate` fails where the tests stopped
biting.
"""

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

FLOOR = 0.85
CAUGHT = {"killed", "timeout", "caught by type check", "segfault"}
EQUIVALENT_FILE = Path(__file__).with_name("equivalent.txt")
# "rumours.models.claims.xǁTransferClaimǁsentence__mutmut_3: survived"
RESULT = re.compile(r"^\s*(?P<name>\S+?): (?P<status>.+)$")


def module_of(mutant):
    """`rumours.models.claims.x_format_money__mutmut_1` -> `rumours.models.claims`."""
    return re.split(r"\.x[_ǁ]", mutant, maxsplit=1)[0]


def set_aside():
    """Return the names listed in equivalent.txt (text after `#` is the reason)."""
    names = set()
    for line in EQUIVALENT_FILE.read_text().splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.add(name)
    return names


def main():
    output = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    statuses = {
        match["name"]: match["status"].strip()
        for match in map(RESULT.match, output.splitlines())
        if match
    }
    if not statuses:
        print("No mutants found: run `mutmut run` first.")
        return 1
    excused = set_aside()
    counts = defaultdict(Counter)
    missed = defaultdict(list)
    for name, status in statuses.items():
        module = module_of(name)
        if status in CAUGHT:
            counts[module]["killed"] += 1
        elif name in excused:
            counts[module]["equivalent"] += 1
        else:
            counts[module]["missed"] += 1
            missed[module].append(f"{name}: {status}")
    surviving = {name for name, status in statuses.items() if status not in CAUGHT}
    stale = sorted(excused - surviving)
    failing = False
    print(f"{'module':32} {'killed':>6} {'missed':>6} {'equiv.':>6} {'score':>6}")
    for module, count in sorted(counts.items()):
        scored = count["killed"] + count["missed"]
        score = count["killed"] / scored if scored else 1.0
        failing |= score < FLOOR
        print(
            f"{module:32} {count['killed']:6} {count['missed']:6} "
            f"{count['equivalent']:6} {score:6.0%}"
        )
    for module, names in sorted(missed.items()):
        print(f"\nMissed in {module}:")
        print("\n".join(f"  {name}" for name in names))
    if stale:
        # A listed mutant some test now kills, or one mutmut no longer makes
        # (its function changed): the list must say only what is true.
        print(f"\nListed in {EQUIVALENT_FILE.name} but not a surviving mutant:")
        print("\n".join(f"  {name}" for name in stale))
    if failing:
        print(f"\nA module scores under {FLOOR:.0%}.")
    return 1 if failing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
