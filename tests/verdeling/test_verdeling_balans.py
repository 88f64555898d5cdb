"""The shared fair-share balance (aandachtsgroepen overview, woonvormen specialisation)."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verdeelwijzer.verdeling.balans import evenredige_balans


def test_met_de_hand():
    # Contributions 6, 3, 1 (total 10), shares 1/2, 1/4, 1/4: fair parts 5, 2.5, 2.5; balances +1, +0.5, −1.5.
    delen, balansen = evenredige_balans([Fraction(6), Fraction(3), Fraction(1)],
                                        [Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)])
    assert delen == [Fraction(5), Fraction(5, 2), Fraction(5, 2)]
    assert balansen == [Fraction(1), Fraction(1, 2), Fraction(-3, 2)]


def test_ongelijke_lengte_is_een_fout():
    with pytest.raises(ValueError):
        evenredige_balans([Fraction(1)], [Fraction(1, 2), Fraction(1, 2)])


@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 1_000)), min_size=1, max_size=30))
def test_balansen_tellen_op_tot_nul(paren):
    bijdragen = [Fraction(b) for b, _ in paren]
    gewicht = sum(w for _, w in paren)
    aandelen = [Fraction(w, gewicht) for _, w in paren]
    delen, balansen = evenredige_balans(bijdragen, aandelen)
    assert sum(balansen, Fraction(0)) == 0
    assert sum(delen, Fraction(0)) == sum(bijdragen, Fraction(0))
