"""Check characters of the identifiers the bundle carries.

- Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a
  31-character alphabet; the 18th is a check character over the first 17.
- CAS registry number: ``NNNNNNN-NN-R`` where ``R`` is a check digit.

>>> is_valid_credit_code("91330604MA2BDAE5XJ")
False
>>> credit_code_check_char("91330604MA2BDAE5X")
'4'
>>> is_valid_credit_code("9144030071526726XG")
True
>>> is_valid_cas("9002-84-0"), is_valid_cas("9002-84-1")
(True, False)
"""

from __future__ import annotations

import re

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_RE = re.compile(rf"^[{CREDIT_ALPHABET}]{{18}}$")
_CAS_RE = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")


def credit_code_check_char(first17: str) -> str:
    """Return the GB 32100 check character for the first 17 characters of a code."""
    if len(first17) != 17 or any(c not in CREDIT_ALPHABET for c in first17):
        raise ValueError(f"not 17 credit-code characters: {first17!r}")
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(code: str) -> bool:
    """True when ``code`` has the 18-character form and a correct check character."""
    return bool(_CREDIT_RE.match(code)) and credit_code_check_char(code[:17]) == code[17]


def cas_check_digit(body: str) -> int:
    """Check digit of a CAS number whose digits (without the check digit) are ``body``."""
    digits = [int(c) for c in body if c.isdigit()]
    return sum(i * d for i, d in enumerate(reversed(digits), start=1)) % 10


def is_valid_cas(cas: str) -> bool:
    """True when ``cas`` has the CAS form and a correct check digit."""
    return cas_problem(cas) is None


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid credit code (naming the right check character), or None.

    >>> credit_code_problem("91330604MA2BDAE5XJ")
    'credit code 91330604MA2BDAE5XJ has check character J, should be 4'
    >>> credit_code_problem("9133060")
    'not a unified social credit code: 9133060 (18 characters, got 7)'
    """
    if len(code) != 18:
        return f"not a unified social credit code: {code} (18 characters, got {len(code)})"
    bad = sorted({c for c in code if c not in CREDIT_ALPHABET})
    if bad:
        return (
            f"not a unified social credit code: {code} ({', '.join(bad)} not allowed: digits "
            "and capital letters except I, O, S, V, Z)"
        )
    want = credit_code_check_char(code[:17])
    if want != code[17]:
        return f"credit code {code} has check character {code[17]}, should be {want}"
    return None


def cas_problem(cas: str) -> str | None:
    """Why ``cas`` is not a valid CAS number (naming the right check digit), or None.

    >>> cas_problem("9002-84-1")
    'CAS number 9002-84-1 has check digit 1, should be 0'
    >>> cas_problem("9002841")
    'not a CAS number: 9002841 (form 1234567-89-0)'
    """
    m = _CAS_RE.match(cas)
    if not m:
        return f"not a CAS number: {cas} (form 1234567-89-0)"
    want = cas_check_digit(m.group(1) + m.group(2))
    if want != int(m.group(3)):
        return f"CAS number {cas} has check digit {m.group(3)}, should be {want}"
    return None
