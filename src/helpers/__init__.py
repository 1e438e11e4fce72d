"""Checked data, section analyses and the annual report for a city S&T bureau's work summary."""
