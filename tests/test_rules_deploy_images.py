"""DF105 missing .dockerignore, DEP103 conf not loaded, DEP104 conf not in the image."""
from tests.helpers import lint, rows

DF = "FROM odoo:17.0\nCOPY ./config/odoo.conf /etc/odoo/\nCOPY ./addons /mnt/extra-addons\n"
COMPOSE_BUILD = "services:\n  odoo:\n    build: .\n  db:\n    image: postgres:16\n"


def test_df105_missing_dockerignore(tmp_path):
    files = {"Dockerfile": DF, "docker-compose.yml": COMPOSE_BUILD, "config/odoo.conf": "[options]\n"}
    assert rows(lint(tmp_path, files, select=["DF105"]), tmp_path) == [(
        "Dockerfile", "DF105", 1, 1,
        "Build context `.` has no .dockerignore: `docker build` sends everything in it (.git, backups, .env, "
        "node_modules) to the daemon and `COPY . .` bakes it into the image; add a .dockerignore listing at least "
        ".git, .env, *.dump and __pycache__")]
    (tmp_path / ".dockerignore").write_text(".git\n")
    assert rows(lint(tmp_path, select=["DF105"]), tmp_path) == []
    (tmp_path / ".dockerignore").unlink()
    (tmp_path / "Dockerfile.dockerignore").write_text(".git\n")
    assert rows(lint(tmp_path, select=["DF105"]), tmp_path) == []


def test_df105_context_from_compose_and_dockerfile_linted_alone(tmp_path):
    files = {"docker/Dockerfile": DF, "docker-compose.yml": "services:\n  odoo:\n    build:\n      context: .\n"
             "      dockerfile: docker/Dockerfile\n", ".dockerignore": ".git\n"}
    assert rows(lint(tmp_path, files, select=["DF105"]), tmp_path) == []
    # a Dockerfile linted on its own: its folder was not scanned, nothing is known
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "Dockerfile").write_text(DF)
    result = lint(tmp_path, select=["DF105"], paths=[alone / "Dockerfile"])
    assert rows(result, tmp_path) == []


def test_dep103_copy_to_another_path(tmp_path):
    files = {"Dockerfile": "FROM odoo:18.0\nCOPY ./odoo.prod.conf /etc/odoo/prod.conf\n",
             "odoo.prod.conf": "[options]\nworkers = 2\n"}
    assert rows(lint(tmp_path, files, select=["DEP103"]), tmp_path) == [(
        "Dockerfile", "DEP103", 2, 1,
        "`odoo.prod.conf` reaches this image as `/etc/odoo/prod.conf`, but Odoo loads `/etc/odoo/odoo.conf` (the "
        "official image's `ODOO_RC`): every setting in it is silently unused; put it at `/etc/odoo/odoo.conf` or "
        "pass `-c /etc/odoo/prod.conf`")]
    ok = {"Dockerfile": "FROM odoo:18.0\nCOPY ./odoo.prod.conf /etc/odoo/prod.conf\nENV ODOO_RC=/etc/odoo/prod.conf\n"}
    assert rows(lint(tmp_path, ok, select=["DEP103"]), tmp_path) == []


def test_dep103_compose_folder_mount_without_the_loaded_name(tmp_path):
    files = {"docker-compose.yml": "services:\n  odoo:\n    image: odoo:17.0\n    volumes:\n"
                                   "      - ./config:/etc/odoo\n",
             "config/odoo-prod.conf": "[options]\nworkers = 2\n"}
    assert rows(lint(tmp_path, files, select=["DEP103"]), tmp_path) == [(
        "docker-compose.yml", "DEP103", 5, 9,
        "`config/odoo-prod.conf` reaches service `odoo` as `/etc/odoo/odoo-prod.conf`, but Odoo loads "
        "`/etc/odoo/odoo.conf` (the official image's `ODOO_RC`): every setting in it is silently unused; put it at "
        "`/etc/odoo/odoo.conf` or pass `-c /etc/odoo/odoo-prod.conf`")]
    # with the -c in the command it is the loaded conf
    fixed = files["docker-compose.yml"] + "    command: odoo -c /etc/odoo/odoo-prod.conf\n"
    assert rows(lint(tmp_path, {"docker-compose.yml": fixed}, select=["DEP103"]), tmp_path) == []


def test_dep104_config_not_in_image(tmp_path):
    files = {"Dockerfile": 'FROM odoo:17.0\nCMD ["odoo", "-c", "/etc/odoo/prod.conf"]\n'}
    assert rows(lint(tmp_path, files, select=["DEP104"]), tmp_path) == [(
        "Dockerfile", "DEP104", 2, 1,
        "This image is told to load `/etc/odoo/prod.conf` (`-c` in its command) but no COPY puts it in the image and "
        "no compose file or app spec in the project mounts it: Odoo refuses to start ('The config file … selected "
        "with -c/--config doesn't exist or is not readable'); COPY the conf to `/etc/odoo/prod.conf`")]
    compose = ("services:\n  odoo:\n    image: odoo:17.0\n    environment:\n      ODOO_RC: /srv/odoo.conf\n")
    assert rows(lint(tmp_path, {"Dockerfile": "FROM odoo:17.0\n", "docker-compose.yml": compose},
                     select=["DEP104"]), tmp_path) == [(
        "docker-compose.yml", "DEP104", 5, 7,
        "service `odoo` is told to load `/srv/odoo.conf` (its `ODOO_RC`) but no COPY puts it in the image and no "
        "volume mounts it: Odoo silently starts on its defaults; COPY the conf to `/srv/odoo.conf`")]


def test_dep104_custom_entrypoint_may_write_the_conf(tmp_path):
    files = {"Dockerfile": 'FROM odoo:17.0\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n'
                           'CMD ["odoo", "-c", "/etc/odoo/prod.conf"]\n'}
    assert rows(lint(tmp_path, files, select=["DEP104"]), tmp_path) == []


def test_dep104_negatives(tmp_path):
    files = {"Dockerfile": 'FROM odoo:17.0\nCOPY prod.conf /etc/odoo/prod.conf\nCMD ["odoo", "-c", "/etc/odoo/prod.conf"]\n',
             "docker-compose.yml": "services:\n  web:\n    image: odoo:17.0\n    command: odoo -c /srv/x.conf\n"
                                   "    volumes: ['./srv:/srv']\n"}
    assert rows(lint(tmp_path, files, select=["DEP104"]), tmp_path) == []


def test_dep104_odoo19_with_c_refuses_to_start(tmp_path):
    files = {"Dockerfile": 'FROM odoo:19.0\nCMD ["odoo", "-c", "/etc/odoo/prod.conf"]\n'}
    result = rows(lint(tmp_path, files, select=["DEP104"]), tmp_path)
    assert [r[:4] for r in result] == [("Dockerfile", "DEP104", 2, 1)]
    assert "Odoo refuses to start ('The config file … selected with -c/--config doesn't exist" in result[0][4]
