"""The second half of the flow: series over the store, escalation detection, alerts, imports, back-tests.

Reads the store and never the articles; detectors are pure functions of a series (``detect.REGISTRY``).
"""
