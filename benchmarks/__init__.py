"""Benchmark: Gap Watch beside a naive build and the framework's floor (`python -m benchmarks.run`).

See benchmarks/README.md. Nothing here is imported by the app.
"""
