"""Throughput benchmarks: `python -m benchmarks.run [--quick]` (what `make bench` runs)."""
