"""Fictional firms for synthetic bundles: registered names, brands and credit codes.

>>> org_code_check_char("MA2B0C0D"), org_code_check_char("05123456")
('X', '0')
"""

from __future__ import annotations


def org_code_check_char(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body (digits and capital
    letters, A = 10 ... Z = 35), as it stands in positions 9-17 of a unified credit code."""
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    c = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)
