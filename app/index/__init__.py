"""The order index: our own searchable copy of what staff need to find orders.

Klarna's Order Management API cannot search, so every order the dashboard reads (a page view, an
action, a push notification, a sync or an import) refreshes one row per (store, order) in
``order_index`` (``app/models/order_index.py``). ``refresh`` builds the row from the order, writes
only when something changed and notes changes our audit log does not explain (drift).
"""
