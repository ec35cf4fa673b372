"""Tests for smsparts.address: semi-octet and alphanumeric addresses."""

from __future__ import annotations

import pytest

from smsparts.address import Address


def test_address_plus_needs_international_toa() -> None:
    """A '+' number with TOA 0x81 is refused."""
    with pytest.raises(ValueError, match="international"):
        Address("+123", 0x81)


def test_address_semi_octets() -> None:
    """'*', '#' and a..c are semi-octets A..E (23.040 9.1.2.3); odd counts pad with F."""
    address = Address("*#1abc", 0x81)
    assert address.to_bytes().hex().upper() == "0681BAC1ED"
    assert Address.parse(address.to_bytes()) == (address, 5)
    assert Address.from_number("+1 (650) 555-1111").value == "+16505551111"


def test_alphanumeric_address() -> None:
    """An alphanumeric sender is packed GSM-7; the length counts semi-octets."""
    address = Address.alphanumeric("Megafon")
    # 7 septets = 49 bits = 13 semi-octets (0x0D), TOA D0
    assert address.to_bytes().hex().upper() == "0DD0CDF2396C7EBB01"
    assert Address.parse(address.to_bytes()) == (address, 9)
