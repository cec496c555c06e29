"""The review web UI under /ui: server-rendered pages for fact-checkers and editors (``mount.install_ui``).

``templating`` (the Jinja2 environment) imports nothing of FastAPI or the database, so the nightly job renders its
report with the same templates.
"""
