"""Regulations as data: regions, regulations, their provisions, and the rules they set."""
