"""The short seeded fuzz run of #15 item 8 (the long one is `python -m tests.fuzz.harness --cases 50000`)."""
from tests.fuzz.harness import run_cases

SEED = 20261202
CASES = 200


def test_a_short_seeded_fuzz_run_has_no_failure():
    figures = run_cases(SEED, CASES)
    assert figures.cases == CASES
    assert figures.failures == []
    assert figures.fixed_cases > 0 and len(figures.by_kind) >= 10      # fixes and many kinds were exercised


def test_the_seed_that_found_adapt_newlines_on_records_still_passes():
    """Seed 7 mutated line endings under multi-line fixes (cases 477, 745, 998: `dataclasses.replace` on the
    Fix/Edit records raised TypeError); its first 1,000 cases are replayed."""
    figures = run_cases(7, 1000)
    assert figures.failures == []
