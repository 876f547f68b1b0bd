"""What SQLite, SQLAlchemy and Superset print for the superset_config.py a Superset rule finds."""
from odoolint.symptoms import Symptom

SYMPTOMS = {
    "SUP103": (
        Symptom(r"\bdatabase is locked\b", "SQLite (through SQLAlchemy)",
                "sqlite src/main.c `sqlite3ErrStr`: /* SQLITE_BUSY */ \"database is locked\"",
                "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) database is locked",
                "Superset's metadata is the default SQLite file, which locks under several workers",
                specific=False),
    ),
    "SUP104": (
        Symptom(r"Can't load plugin: sqlalchemy\.dialects:postgres\b", "SQLAlchemy",
                "sqlalchemy/util/langhelpers.py `PluginLoader.load`: NoSuchModuleError(\"Can't load plugin: %s:%s\") "
                "(1.4+ removed the `postgres` dialect name)",
                "sqlalchemy.exc.NoSuchModuleError: Can't load plugin: sqlalchemy.dialects:postgres",
                "a `postgres://` URI: SQLAlchemy 1.4+ only knows `postgresql://`"),
    ),
    "SUP101": (
        Symptom(r"Refusing to start due to insecure SECRET_KEY", "Superset",
                "apache/superset superset/initialization/__init__.py `check_secret_key`: logger.error(\"Refusing to "
                "start due to insecure SECRET_KEY\")",
                "Refusing to start due to insecure SECRET_KEY",
                "SECRET_KEY is unset or Superset's published default"),
    ),
}
