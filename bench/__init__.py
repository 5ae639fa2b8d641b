"""Benchmarks for readout. `make bench` runs them all; each prints its figures and a
ratio against the simple approach measured in the same run."""
