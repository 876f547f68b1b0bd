"""pylint-odoo's translation checks: what `_()` / `self.env._()` receive and what is done with their result.

Odoo translates the *source text* passed to `_()` (odoo/tools/translate.py, `_` / `LazyTranslate` / 18.0+
`Environment._`): a term built before the call (`_('%s' % x)`, an f-string) is never found in the PO files, and
formatting applied with `str.format` to the translated text lets a translator's braces reach attributes.
"""
from __future__ import annotations

import ast
import string

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Finding

from .peer import TRANSLATION_METHODS, func_name, gate, option, peer_rule, in_tests, field_calls, str_value

SRC = ("pylint-odoo 10.0 src/pylint_odoo/checkers/odoo_addons.py and custom_logging.py; odoo/tools/translate.py "
       "(`_`, `_lt`; 18.0+ `Environment._` in odoo/api.py)")


def _is_tl(call) -> bool:
    return isinstance(call, ast.Call) and func_name(call.func) in TRANSLATION_METHODS


def _unparse(node) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # noqa: BLE001 - very deep trees
        return ""


def _tl_method(ctx) -> str:
    return "self.env._" if gate(ctx, "18.0") else "_"


# --- translation-required -----------------------------------------------------------------------------------

@peer_rule("PY501", "translation-required", "C8107", summary="Message of an Odoo exception or `message_post` "
           "not passed through `_()`", kinds=["python"], severity="info", nodes=(ast.Raise, ast.Call),
           what="Reports `raise UserError('text')` (any exception named in `odoo-exceptions`, also with "
                "`'...' % x` or `'...'.format(x)`) and `message_post(body='text')` / `subject=` outside tests "
                "whose text is a literal not wrapped in a translation call.",
           why="Users see these messages; a literal is never extracted to the PO files, so it stays in English "
               "for every language.",
           before="raise UserError('Nothing to do')", after="raise UserError(self.env._('Nothing to do'))",
           source=SRC)
def translation_required(node, ctx):
    tl = _tl_method(ctx)
    if isinstance(node, ast.Raise):
        exc = node.exc
        if not isinstance(exc, ast.Call) or not exc.args:
            return
        name = func_name(exc.func)
        arg = exc.args[0]
        if isinstance(arg, ast.Call) and func_name(arg.func) == "format" and isinstance(arg.func, ast.Attribute):
            arg = arg.func.value
        elif isinstance(arg, ast.BinOp):
            arg = arg.left
        if str_value(arg) is not None and name in option(ctx, "odoo-exceptions"):
            yield Finding(ctx.node_span(node), f'String parameter on "{name}" requires translation. Use '
                          f'{tl}({_unparse(arg)})')
        return
    f = node.func
    if not (isinstance(f, ast.Attribute) and f.attr == "message_post") or in_tests(ctx):
        return
    for arg in list(node.args) + list(node.keywords):
        keyword, value = (arg.arg, arg.value) if isinstance(arg, ast.keyword) else ("", arg)
        if keyword and keyword not in ("subject", "body"):
            continue
        text = ""
        if isinstance(value, (ast.Constant, ast.JoinedStr)) and (not isinstance(value, ast.Constant)
                                                                  or isinstance(value.value, str)):
            text = _unparse(value)
        elif isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod) \
                and isinstance(value.left, (ast.Constant, ast.JoinedStr)) \
                and not (isinstance(value.right, (ast.Call, ast.Tuple, ast.List))
                         and all(isinstance(c, ast.Call) for c in getattr(value.right, "elts", []))):
            text = _unparse(value.left)
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "format" \
                and isinstance(value.func.value, (ast.Constant, ast.JoinedStr)):
            text = _unparse(value.func.value)
        if text:
            kw = f"{keyword}=" if keyword else ""
            yield Finding(ctx.node_span(node), f'String parameter on "message_post" requires translation. Use '
                          f'{kw}{tl}({text})')


# --- translation-field --------------------------------------------------------------------------------------

@peer_rule("PY502", "translation-field", "W8103", summary="`_()` in a field definition", kinds=["python"],
           severity="info", nodes=(ast.ClassDef,),
           what="Reports a translation call passed to a field declaration in a class body: "
                "`name = fields.Char(string=_('Name'))`.",
           why="Field labels and help texts are exported to the PO files by Odoo itself (ir.model.fields); `_()` "
               "at class definition runs once at import, with no user language, and adds nothing.",
           before="name = fields.Char(string=_('Name'))", after="name = fields.Char(string='Name')",
           source=SRC + "; odoo/tools/translate.py `TranslationModuleReader` (field strings)")
def translation_field(node, ctx):
    for _name, call, _assign in field_calls(node):
        for arg in list(call.args) + [k.value for k in call.keywords]:
            if _is_tl(arg):
                yield Finding(ctx.node_span(arg), 'Translation method _("string") in fields is not necessary.')


# --- translation-contains-variable / -positional-used / -injection / prefer-env-translation -----------------

@peer_rule("PY503", "translation-contains-variable", "W8115", summary="Term built from variables before `_()` "
           "(Odoo <= 13.0)", kinds=["python"], severity="warning", nodes=(ast.Call,),
           what="Reports `_('text %s' % x)` and `_('text {}'.format(x))`: the term is formatted before it is "
                "translated. pylint-odoo runs this check up to 13.0 (later series: `translation-not-lazy`).",
           why="The translated catalogue holds `text %s`, never `text 42`: the lookup fails and the user sees "
               "the untranslated text.",
           before="_('Order %s' % name)", after="_('Order %s') % name", source=SRC)
def translation_contains_variable(node, ctx):
    if not node.args or func_name(node.func) not in TRANSLATION_METHODS or not gate(ctx, None, "13.0"):
        return
    arg = node.args[0]
    wrong = right = ""
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod):
        left, rhs = _unparse(arg.left), _unparse(arg.right)
        wrong, right = f"{left} % {rhs}", f"_({left}) % {rhs}"
    elif isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format" \
            and isinstance(arg.func.value, ast.Constant):
        params = ", ".join(_unparse(x) for x in list(arg.args) + list(arg.keywords))
        wrong, right = _unparse(arg), f"_({_unparse(arg.func.value)}).format({params})"
    if wrong:
        yield Finding(ctx.node_span(node), f'Translatable term in "{wrong}" contains variables. Use {right} '
                      "instead")


def printf_placeholders(text: str):
    """Positional and named `%` placeholders of a printf string (pylint-odoo `_get_printf_str_args_kwargs`)."""
    import re
    args, kwargs = [], {}
    for line in re.sub("%%", "", text).splitlines():
        for m in _PRINTF.finditer(line):
            if m.group("key") is None:
                args.append(m.group("type"))
            else:
                kwargs[m.group("key")] = m.group("type")
    return tuple(args) or kwargs


def format_positional(text: str) -> int:
    """How many positional `{}` / `{0}` placeholders a `str.format` string has (pylint-odoo's count)."""
    pos = []
    placeholders = []
    for line in text.splitlines():
        try:
            placeholders.extend(name for _, name, _, _ in string.Formatter().parse(line) if name is not None)
        except ValueError:
            continue
        for p in placeholders:
            if not p:
                pos.append(0)
            elif p.isdigit():
                pos.append(int(p) + 1)
    if not pos:
        return 0
    return len(pos) if not max(pos) else max(pos)


import re as _re  # noqa: E402

_PRINTF = _re.compile(r"""%((?P<boost_ord>\d+)%|(?:(?P<ord>\d+)\$|\((?P<key>\w+)\))?(?P<fullvar>[+#-]*(?:\d+)?"""
                      r"""(?:\.\d+)?(hh\|h\|l\|ll)?(?P<type>[\w@])))""")


@peer_rule("PY504", "translation-positional-used", "W8120", summary="Term with several positional "
           "placeholders", kinds=["python"], severity="info", nodes=(ast.Call,),
           what="Reports `_()` whose term has two or more positional placeholders (`%s ... %s`, `{} ... {}`).",
           why="Translators cannot reorder positional placeholders, and languages order words differently; "
               "named placeholders (`%(name)s`) let them.",
           before="_('%s of %s') % (a, b)", after="_('%(done)s of %(total)s', done=a, total=b)", source=SRC)
def translation_positional_used(node, ctx):
    if not node.args or func_name(node.func) not in TRANSLATION_METHODS:
        return
    text = _unparse(node.args[0])
    printf = printf_placeholders(text)
    if (isinstance(printf, tuple) and len(printf) >= 2) or format_positional(text) >= 2:
        yield Finding(ctx.node_span(node), f"Translation method _({text}) is using positional string printf "
                      "formatting with multiple arguments. Use named placeholder `_(\"%(placeholder)s\")` instead.")


@peer_rule("PY505", "translation-injection", "E8151", words=("format",), summary="`str.format()` on a translated text",
           kinds=["python"], severity="warning", nodes=(ast.Call,), names={ast.Call: ("format",)},
           default_enabled=True, tags=["security"],
           what="Reports `_('...').format(...)`: `str.format` applied to the result of a translation.",
           why="The format string then comes from the translation catalogue: a translated `{0.__class__}` or "
               "`{user.password}` reads attributes of the arguments (format-string injection).",
           before="_('Hello {}').format(name)", after="_('Hello %s', name)",
           source=SRC + "; Python docs 'Format String Syntax' (attribute access in replacement fields)")
def translation_injection(node, ctx):
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr == "format" and _is_tl(f.value):
        yield Finding(ctx.node_span(node), "Do not use str.format on translation methods. Use placeholders "
                      "instead. Reference: https://lucumr.pocoo.org/2016/12/29/careful-with-str-format/")


@peer_rule("PY506", "prefer-env-translation", "W8161", summary="Module-level `_()` instead of `self.env._` "
           "(18.0+)", kinds=["python"], severity="info", nodes=(ast.Call,),
           what="Reports calls of the bare name `_(...)` with arguments in 18.0 and later series (`_lt`, a lazy "
                "translation evaluated later, is not reported).",
           why="Since 18.0 `self.env._` translates in the environment's language directly; the module-level `_` "
               "has to inspect the caller's frame to find an environment, slower and fragile outside methods.",
           before="raise UserError(_('No'))", after="raise UserError(self.env._('No'))",
           source=SRC + "; odoo/api.py 18.0 `Environment._` (odoo/odoo#174844)")
def prefer_env_translation(node, ctx):
    # `_lt` is a LazyTranslate: the lookup happens at `str()` time, which `self.env._` cannot replace
    # (pylint-odoo 10.0.12 skips it too)
    if node.args and isinstance(node.func, ast.Name) and node.func.id == "_" and gate(ctx, "18.0"):
        yield Finding(ctx.node_span(node), "Better using self.env._ More info at "
                      "https://github.com/odoo/odoo/pull/174844")


# --- the logging-style checks pylint-odoo derives from pylint's logging checker (14.0+) ---------------------

class _Truncated(Exception):
    pass


class _Unsupported(Exception):
    def __init__(self, index):
        self.index = index


def parse_printf(fmt: str) -> tuple[set, int]:
    """(named keys, positional count) of a `%` format string; raises like pylint's `parse_format_string`."""
    keys: set = set()
    num = 0
    i, n = 0, len(fmt)

    def nxt(i):
        i += 1
        if i == n:
            raise _Truncated()
        return i, fmt[i]

    while i < n:
        ch = fmt[i]
        if ch == "%":
            i, ch = nxt(i)
            key = None
            if ch == "(":
                depth = 1
                i, ch = nxt(i)
                start = i
                while depth:
                    if ch == "(":
                        depth += 1
                    elif ch == ")":
                        depth -= 1
                    i, ch = nxt(i)
                key = fmt[start:i - 1]
            while ch in "#0- +":
                i, ch = nxt(i)
            if ch == "*":
                num += 1
                i, ch = nxt(i)
            else:
                while ch in string.digits:
                    i, ch = nxt(i)
            if ch == ".":
                i, ch = nxt(i)
                if ch == "*":
                    num += 1
                    i, ch = nxt(i)
                else:
                    while ch in string.digits:
                        i, ch = nxt(i)
            if ch in "hlL":
                i, ch = nxt(i)
            if ch not in "diouxXeEfFgGcrs%a":
                raise _Unsupported(i)
            if key:
                keys.add(key)
            elif ch != "%":
                num += 1
        i += 1
    return keys, num


def _logging_view(node) -> Optional[ast.Call]:
    """The `_(...)` call pylint-odoo's logging checks examine: the call itself, or the call it rebuilds from
    `_('..').format(x)` (as `_('..'.format(x))`) and `_('..') % x` (as `_('..' % x)`)."""
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Call) and func_name(node.left.func) == "_" \
                and node.left.args:
            first = ast.BinOp(left=node.left.args[0], op=node.op, right=node.right)
            return ast.Call(func=node.left.func, args=[first] + node.left.args[1:], keywords=node.left.keywords)
        return None
    name = func_name(node.func)
    if name == "format" and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call) \
            and func_name(node.func.value.func) in TRANSLATION_METHODS and node.func.value.args:
        inner = node.func.value
        first = ast.Call(func=ast.Attribute(value=inner.args[0], attr="format"), args=node.args,
                         keywords=node.keywords)
        node, name = ast.Call(func=inner.func, args=[first] + inner.args[1:], keywords=inner.keywords), \
            func_name(inner.func)
    if name != "_":
        return None
    if not node.args or any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None
                                                                                  for k in node.keywords):
        return None
    return node


def _literal_str(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _explicit_concat(node) -> bool:
    return isinstance(node, ast.BinOp) and (_literal_str(node.left) or _explicit_concat(node.left)) and \
        (_literal_str(node.right) or _explicit_concat(node.right))


def _complex_format(value: str) -> bool:
    try:
        return any(spec for _, _, spec, _ in string.Formatter().parse(value))
    except ValueError:
        return False


def _logging_issue(node, ctx) -> Optional[tuple[str, str]]:
    """(symbol, message) of the logging-style problem of a translation call, if any."""
    call = _logging_view(node)
    if call is None or not gate(ctx, "14.0"):
        return None
    arg = call.args[0]
    if isinstance(arg, ast.BinOp):
        emit = isinstance(arg.op, ast.Mod)
        if isinstance(arg.op, ast.Add) and not _explicit_concat(arg):
            emit = any(_literal_str(o) for o in (arg.left, arg.right))
        if emit:
            return "translation-not-lazy", "Use lazy % formatting in odoo._ functions"
        return None
    if isinstance(arg, ast.Call):
        f = arg.func
        if isinstance(f, ast.Attribute) and f.attr == "format" and _literal_str(f.value) \
                and not _complex_format(f.value.value):
            return "translation-format-interpolation", "Use lazy % formatting in odoo._ functions"
        return None
    if isinstance(arg, ast.JoinedStr):
        if any(isinstance(v, ast.Constant) and "%" in v.value for v in arg.values):
            return None
        return "translation-fstring-interpolation", "Use lazy % formatting in odoo._ functions"
    if _literal_str(arg):
        supplied = len(call.args) - 1
        if not supplied:
            return None
        try:
            keys, required = parse_printf(arg.value)
        except _Unsupported as exc:
            ch = arg.value[exc.index]
            return "translation-unsupported-format", (f"Unsupported odoo._ format character {ch!r} "
                                                      f"({ord(ch):#02x}) at index {exc.index}")
        except _Truncated:
            return "translation-format-truncated", "Logging format string ends in middle of conversion specifier"
        if keys:
            return None
        if supplied > required:
            return "translation-too-many-args", "Too many arguments for odoo._ format string"
        if supplied < required:
            return "translation-too-few-args", "Not enough arguments for odoo._ format string"
    return None


_LAST_ISSUE: list = [None, None, None]      # (node, ctx, issue) of the last node asked about


_CANDIDATE_NAMES = frozenset(("_", "format"))      # the calls `_logging_view` looks at


def _shared_issue(node, ctx):
    """`_logging_issue`, computed once per node for the rules that ask in a row (PY507-PY513 each report one kind
    of issue of the same analysis, and the dispatch calls them one after the other on each node). Only a call
    named `_` or `format`, or a `%` whose left side is a call, can have one: every other node leaves first."""
    if node.__class__ is ast.Call:
        f = node.func
        if (f.attr if f.__class__ is ast.Attribute else f.id if f.__class__ is ast.Name else "") \
                not in _CANDIDATE_NAMES:
            return None
    elif node.left.__class__ is not ast.Call:
        return None
    last = _LAST_ISSUE
    if last[0] is node and last[1] is ctx:
        return last[2]
    issue = _logging_issue(node, ctx)
    last[0], last[1], last[2] = node, ctx, issue
    return issue


def _logging_rule(code, symbol, msgid, summary, what, why, before, after, severity="warning", default=False):
    @peer_rule(code, symbol, msgid, summary=summary, kinds=["python"], severity=severity,
               nodes=(ast.Call, ast.BinOp), names={ast.Call: _CANDIDATE_NAMES}, what=what, why=why, before=before,
               after=after, source=SRC, default_enabled=default)
    def check(node, ctx):       # a plain function, not a generator: it runs on every call and `%` of a file
        issue = _shared_issue(node, ctx)
        if issue and issue[0] == symbol:
            return [Finding(ctx.node_span(node), issue[1])]
        return None
    check.__name__ = symbol.replace("-", "_")
    return check


_LAZY_WHY = ("Odoo looks the *source* text up in the catalogue: a term formatted before the lookup (`%`, "
             "`.format`, f-string) is never found, so users always get the untranslated text. Pass the values "
             "to `_()` (14.0+: `_('text %s', value)`) so the translated text is formatted.")
_logging_rule("PY507", "translation-not-lazy", "W8301", "Term formatted with `%` or `+` before `_()` (14.0+)",
              "Reports `_('text %s' % x)`, `_('text ' + x)` and `_('text %s') % x` (the last formatted after "
              "the lookup, but 14.0+ wants the values as arguments).", _LAZY_WHY,
              "_('Order %s' % name)", "_('Order %s', name)")
_logging_rule("PY508", "translation-format-interpolation", "W8302", "Term formatted with `str.format` before "
              "`_()` (14.0+)", "Reports `_('text {}'.format(x))` and `_('text {}').format(x)`.", _LAZY_WHY,
              "_('Order {}'.format(name))", "_('Order %s', name)")
_logging_rule("PY509", "translation-fstring-interpolation", "W8303", "f-string passed to `_()` (14.0+)",
              "Reports `_(f'text {x}')`: the f-string is evaluated before the lookup.", _LAZY_WHY,
              "_(f'Order {name}')", "_('Order %s', name)")
_logging_rule("PY510", "translation-unsupported-format", "E8300", "Unknown `%` conversion in a term given "
              "arguments (14.0+)", "Reports `_('50%d off', x)`-like terms whose `%` is followed by a character "
              "that is no conversion, when arguments are passed.",
              "Odoo formats the translated text with `%` and the arguments: `ValueError: unsupported format "
              "character` is raised when the message is shown.", "_('100% %s', name)", "_('100%% %s', name)",
              severity="error", default=True)
_logging_rule("PY511", "translation-format-truncated", "E8301", "Term ends inside a `%` conversion (14.0+)",
              "Reports a term given arguments whose text ends in the middle of a `%` conversion (`'at 50%'`).",
              "Formatting it raises `ValueError: incomplete format` when the message is shown.",
              "_('Discount %s%', x)", "_('Discount %s%%', x)", severity="error", default=True)
_logging_rule("PY512", "translation-too-many-args", "E8305", "More arguments than placeholders in a term "
              "(14.0+)", "Reports `_('text %s', a, b)`: more positional arguments than `%` placeholders.",
              "Formatting raises `TypeError: not all arguments converted during string formatting` when the "
              "message is shown.", "_('Order %s', a, b)", "_('Order %s (%s)', a, b)", severity="error",
              default=True)
_logging_rule("PY513", "translation-too-few-args", "E8306", "Fewer arguments than placeholders in a term "
              "(14.0+)", "Reports `_('%s and %s', a)`: fewer positional arguments than `%` placeholders.",
              "Formatting raises `TypeError: not enough arguments for format string` when the message is shown.",
              "_('%s and %s', a)", "_('%s and %s', a, b)", severity="error", default=True)
