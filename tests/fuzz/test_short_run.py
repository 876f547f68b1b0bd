"""The short seeded fuzz run of #15 item 8 (the long one is `python -m tests.fuzz.harness --cases 50000`)."""
from tests.fuzz.harness import run_cases

SEED = 20261202
CASES = 200


def test_a_short_seeded_fuzz_run_has_no_failure():
    figures = run_cases(SEED, CASES)
    assert figures.cases == CASES
    assert figures.failures == []
    assert figures.fixed_cases > 0 and len(figures.by_kind) >= 10      # fixes and many kinds were exercised
