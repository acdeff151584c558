"""Klarna Back Office."""
