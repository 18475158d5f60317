"""Demo content for the portal: a fictional borough's partnership site, built by ``manage.py load_demo``.

``specs`` holds the plain data types and block helpers, ``content``, ``guidance`` and ``leaflets``
the words (as data), ``pdfs`` turns a leaflet into a PDF, ``accounts`` the demo logins and
``builder`` writes everything to the database, idempotently.
"""
