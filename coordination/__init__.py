"""Coordination workflows: meetings, delegations, follow-up deadlines and periodic reports.

Depends on orgchart and regulations; nothing depends on it. Its Celery tasks are discovered
by config/celery.py.
"""
