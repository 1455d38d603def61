# ruff: noqa
# mypy: ignore-errors
"""The `__init__` of each record shape (see sop_lint/records.py): generated, do not edit.

Regenerate with `python -m sop_lint.build_records` after adding or changing a record's fields.
"""

def _init_929cc257bd(self, alias, name, span, alias_span, name_span, item):
    self.alias = alias
    self.name = name
    self.span = span
    self.alias_span = alias_span
    self.name_span = name_span
    self.item = item


def _init_d368cf6ed8(self, citation, duplicate_of, revoked, known, implausible, titled_as):
    self.citation = citation
    self.duplicate_of = duplicate_of
    self.revoked = revoked
    self.known = known
    self.implausible = implausible
    self.titled_as = titled_as


def _init_74c365fcf7(self, code, span, message, args, fix, severity, path, text, source_line):
    self.code = code
    self.span = span
    self.message = message
    self.args = {} if args is None else args
    self.fix = fix
    self.severity = severity
    self.path = path
    self.text = text
    self.source_line = source_line


def _init_e6e2317966(self, codes, file_wide, span, target):
    self.codes = codes
    self.file_wide = file_wide
    self.span = span
    self.target = target


def _init_93d442c96b(self, date_words, prefix, named, month_year, year):
    self.date_words = date_words
    self.prefix = prefix
    self.named = named
    self.month_year = month_year
    self.year = year


def _init_a60f1d6655(self, file_wide, codes):
    self.file_wide = file_wide
    self.codes = codes


def _init_bbcaf380a7(self, index, number, number_span, activity, activity_span, item, fields, other_subs, performers, duration, decision, yes, no, next, terminator):
    self.index = index
    self.number = number
    self.number_span = number_span
    self.activity = activity
    self.activity_span = activity_span
    self.item = item
    self.fields = [] if fields is None else fields
    self.other_subs = [] if other_subs is None else other_subs
    self.performers = [] if performers is None else performers
    self.duration = duration
    self.decision = decision
    self.yes = yes
    self.no = no
    self.next = next
    self.terminator = terminator


def _init_d160c75a1f(self, key, branch, ref, target, used):
    self.key = key
    self.branch = branch
    self.ref = ref
    self.target = target
    self.used = used


def _init_96b6d20726(self, key_text, key, exact, suggestion, value, key_span, value_span, item):
    self.key_text = key_text
    self.key = key
    self.exact = exact
    self.suggestion = suggestion
    self.value = value
    self.key_span = key_span
    self.value_span = value_span
    self.item = item


def _init_d6d9f66561(self, kind, line, item, section, children, body, gap):
    self.kind = kind
    self.line = line
    self.item = item
    self.section = section
    self.children = [] if children is None else children
    self.body = [] if body is None else body
    self.gap = [] if gap is None else gap


def _init_d7d22c204d(self, later, earlier, span, text, other):
    self.later = later
    self.earlier = earlier
    self.span = span
    self.text = text
    self.other = other


def _init_3a40c51f25(self, line, column, end_line, end_column):
    self.line = line
    self.column = column
    self.end_line = end_line
    self.end_column = end_column


def _init_d9b3336627(self, lines, final_newline, title, sections, tail, trail, comment_lines, open_at):
    self.lines = lines
    self.final_newline = final_newline
    self.title = title
    self.sections = sections
    self.tail = tail
    self.trail = trail
    self.comment_lines = comment_lines
    self.open_at = open_at


def _init_eb5e4172ca(self, marker, number, text, span, text_span, marker_span, subs, indent, line_count, line_starts):
    self.marker = marker
    self.number = number
    self.text = text
    self.span = span
    self.text_span = text_span
    self.marker_span = marker_span
    self.subs = [] if subs is None else subs
    self.indent = indent
    self.line_count = line_count
    self.line_starts = [] if line_starts is None else line_starts


def _init_4e012a44d7(self, members, source, closing):
    self.members = members
    self.source = source
    self.closing = closing


def _init_76d98269bf(self, name, aliases, type, required, dash_allowed, branch, reads):
    self.name = name
    self.aliases = aliases
    self.type = type
    self.required = required
    self.dash_allowed = dash_allowed
    self.branch = branch
    self.reads = reads


def _init_b38c89919c(self, pack, today, syntax, encoding, role_registry, facts, text, fixes, layout, role_aliases):
    self.pack = pack
    self.today = today
    self.syntax = syntax
    self.encoding = encoding
    self.role_registry = role_registry
    self.facts = facts
    self.text = text
    self.fixes = {} if fixes is None else fixes
    self.layout = layout
    self.role_aliases = {} if role_aliases is None else role_aliases


def _init_2ae0259a2a(self, path, counts):
    self.path = path
    self.counts = counts


def _init_a7211347b2(self, path, findings, linted, fix, error):
    self.path = path
    self.findings = findings
    self.linted = linted
    self.fix = fix
    self.error = error


def _init_7d57197a80(self, path, select, extend_select, ignore, per_file_ignores, severity, fail_on, exclude, packs, roles, hours_per_day, check_related, preview, lang, baseline, repository_url):
    self.path = path
    self.select = select
    self.extend_select = [] if extend_select is None else extend_select
    self.ignore = [] if ignore is None else ignore
    self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
    self.severity = {} if severity is None else severity
    self.fail_on = fail_on
    self.exclude = [] if exclude is None else exclude
    self.packs = [] if packs is None else packs
    self.roles = roles
    self.hours_per_day = hours_per_day
    self.check_related = check_related
    self.preview = preview
    self.lang = lang
    self.baseline = baseline
    self.repository_url = repository_url


def _init_db16d66048(self, path, text, sop, findings, declined, layout):
    self.path = path
    self.text = text
    self.sop = sop
    self.findings = findings
    self.declined = [] if declined is None else declined
    self.layout = layout


def _init_b9e40877fe(self, section, fields, dates, nip, time_limit):
    self.section = section
    self.fields = [] if fields is None else fields
    self.dates = {} if dates is None else dates
    self.nip = nip
    self.time_limit = time_limit


def _init_60ef061eee(self, sections, identity_fields, step_fields, units, unit_aliases, hours_per_day, placeholders, terminators, regulation_types, vocabulary, revoked, known, sources, word_lists, section_names, identity_keys, step_keys, section_reads, month_names, month_names_en, months, month_choices, weekday_names, weekday_names_en, weekdays, step_ref_leads, step_ref_words, step_ref_ordinals, step_ref_ends, date_words, duration_ranges, nip_labels, compiled):
    self.sections = [] if sections is None else sections
    self.identity_fields = [] if identity_fields is None else identity_fields
    self.step_fields = [] if step_fields is None else step_fields
    self.units = {} if units is None else units
    self.unit_aliases = {} if unit_aliases is None else unit_aliases
    self.hours_per_day = hours_per_day
    self.placeholders = set() if placeholders is None else placeholders
    self.terminators = set() if terminators is None else terminators
    self.regulation_types = [] if regulation_types is None else regulation_types
    self.vocabulary = vocabulary
    self.revoked = [] if revoked is None else revoked
    self.known = [] if known is None else known
    self.sources = [] if sources is None else sources
    self.word_lists = {} if word_lists is None else word_lists
    self.section_names = {} if section_names is None else section_names
    self.identity_keys = {} if identity_keys is None else identity_keys
    self.step_keys = {} if step_keys is None else step_keys
    self.section_reads = {} if section_reads is None else section_reads
    self.month_names = [] if month_names is None else month_names
    self.month_names_en = [] if month_names_en is None else month_names_en
    self.months = {} if months is None else months
    self.month_choices = {} if month_choices is None else month_choices
    self.weekday_names = [] if weekday_names is None else weekday_names
    self.weekday_names_en = [] if weekday_names_en is None else weekday_names_en
    self.weekdays = {} if weekdays is None else weekdays
    self.step_ref_leads = [] if step_ref_leads is None else step_ref_leads
    self.step_ref_words = [] if step_ref_words is None else step_ref_words
    self.step_ref_ordinals = [] if step_ref_ordinals is None else step_ref_ordinals
    self.step_ref_ends = [] if step_ref_ends is None else step_ref_ends
    self.date_words = {} if date_words is None else date_words
    self.duration_ranges = [] if duration_ranges is None else duration_ranges
    self.nip_labels = [] if nip_labels is None else nip_labels
    self.compiled = {} if compiled is None else compiled


def _init_7a7d4d1977(self, select, extend_select, ignore, severity, per_file_ignores, fail_on, preview, lang, packs, hours_per_day, role_registry, today, check_related, project_root, role_aliases):
    self.select = select
    self.extend_select = [] if extend_select is None else extend_select
    self.ignore = [] if ignore is None else ignore
    self.severity = {} if severity is None else severity
    self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
    self.fail_on = fail_on
    self.preview = preview
    self.lang = lang
    self.packs = [] if packs is None else packs
    self.hours_per_day = hours_per_day
    self.role_registry = role_registry
    self.today = today
    self.check_related = check_related
    self.project_root = project_root
    self.role_aliases = {} if role_aliases is None else role_aliases


def _init_3a1b01d4c4(self, sop, problem, layout):
    self.sop = sop
    self.problem = problem
    self.layout = layout


def _init_c33bb3a509(self, span, encoding):
    self.span = span
    self.encoding = encoding


def _init_eb8c8a3ad8(self, span, message, message_id):
    self.span = span
    self.message = message
    self.message_id = message_id


def _init_cbdcc266bb(self, span, text):
    self.span = span
    self.text = text


def _init_f958fb6d50(self, span, text, message, suggestion, roles):
    self.span = span
    self.text = text
    self.message = message
    self.suggestion = suggestion
    self.roles = [] if roles is None else roles


def _init_82bb20cffd(self, steps, successors, unknown, branches, _loops):
    self.steps = steps
    self.successors = successors
    self.unknown = unknown
    self.branches = [] if branches is None else branches
    self._loops = _loops


def _init_f2939ffd4d(self, text, span, digits):
    self.text = text
    self.span = span
    self.digits = digits


def _init_eb9ddf1197(self, text, span, has_number, low, high, unit, unit_text, minutes_low, minutes_high, number_span, unit_span):
    self.text = text
    self.span = span
    self.has_number = has_number
    self.low = low
    self.high = high
    self.unit = unit
    self.unit_text = unit_text
    self.minutes_low = minutes_low
    self.minutes_high = minutes_high
    self.number_span = number_span
    self.unit_span = unit_span


def _init_b3e5c0e205(self, text, span, kind, kind_text, number, year, title, year_span, number_in_old_style, truncated_year):
    self.text = text
    self.span = span
    self.kind = kind
    self.kind_text = kind_text
    self.number = number
    self.year = year
    self.title = title
    self.year_span = year_span
    self.number_in_old_style = number_in_old_style
    self.truncated_year = truncated_year


def _init_1286231c3f(self, text, span, own_line):
    self.text = text
    self.span = span
    self.own_line = own_line


def _init_674d4cf503(self, text, span, role):
    self.text = text
    self.span = span
    self.role = role


def _init_2f8618bc3f(self, text, span, target, end):
    self.text = text
    self.span = span
    self.target = target
    self.end = end


def _init_6cafe47276(self, text, span, year, month, day, complete, valid, error):
    self.text = text
    self.span = span
    self.year = year
    self.month = month
    self.day = day
    self.complete = complete
    self.valid = valid
    self.error = error


def _init_facdaa84bf(self, title, edits, applicability, changes):
    self.title = title
    self.edits = edits
    self.applicability = applicability
    self.changes = changes


def _init_98f615ec92(self, title, kind, exact, suggestion, heading_span, span, items):
    self.title = title
    self.kind = kind
    self.exact = exact
    self.suggestion = suggestion
    self.heading_span = heading_span
    self.span = span
    self.items = [] if items is None else items


def _init_6c046fb119(self, title, title_span, sections, identity, roles, steps, citations, comments, suppressions, intro, line_ending, bom):
    self.title = title
    self.title_span = title_span
    self.sections = [] if sections is None else sections
    self.identity = identity
    self.roles = [] if roles is None else roles
    self.steps = [] if steps is None else steps
    self.citations = [] if citations is None else citations
    self.comments = [] if comments is None else comments
    self.suppressions = [] if suppressions is None else suppressions
    self.intro = [] if intro is None else intro
    self.line_ending = line_ending
    self.bom = bom


def _init_8d15f74458(self, year, month, day, problem):
    self.year = year
    self.month = month
    self.day = day
    self.problem = problem


INITS = {
    'alias name span alias_span name_span item': _init_929cc257bd,
    'citation duplicate_of revoked known implausible titled_as': _init_d368cf6ed8,
    'code span message args={} fix severity path text source_line': _init_74c365fcf7,
    'codes file_wide span target': _init_e6e2317966,
    'date_words prefix named month_year year': _init_93d442c96b,
    'file_wide codes': _init_a60f1d6655,
    'index number number_span activity activity_span item fields=[] other_subs=[] performers=[] duration decision yes no next terminator': _init_bbcaf380a7,
    'key branch ref target used': _init_d160c75a1f,
    'key_text key exact suggestion value key_span value_span item': _init_96b6d20726,
    'kind line item section children=[] body=[] gap=[]': _init_d6d9f66561,
    'later earlier span text other': _init_d7d22c204d,
    'line column end_line end_column': _init_3a40c51f25,
    'lines final_newline title sections tail trail comment_lines open_at': _init_d9b3336627,
    'marker number text span text_span marker_span subs=[] indent line_count line_starts=[]': _init_eb5e4172ca,
    'members source closing': _init_4e012a44d7,
    'name aliases type required dash_allowed branch reads': _init_76d98269bf,
    'pack today syntax encoding role_registry facts text fixes={} layout role_aliases={}': _init_b38c89919c,
    'path counts': _init_2ae0259a2a,
    'path findings linted fix error': _init_a7211347b2,
    'path select extend_select=[] ignore=[] per_file_ignores={} severity={} fail_on exclude=[] packs=[] roles hours_per_day check_related preview lang baseline repository_url': _init_7d57197a80,
    'path text sop findings declined=[] layout': _init_db16d66048,
    'section fields=[] dates={} nip time_limit': _init_b9e40877fe,
    'sections=[] identity_fields=[] step_fields=[] units={} unit_aliases={} hours_per_day placeholders=set() terminators=set() regulation_types=[] vocabulary revoked=[] known=[] sources=[] word_lists={} section_names={} identity_keys={} step_keys={} section_reads={} month_names=[] month_names_en=[] months={} month_choices={} weekday_names=[] weekday_names_en=[] weekdays={} step_ref_leads=[] step_ref_words=[] step_ref_ordinals=[] step_ref_ends=[] date_words={} duration_ranges=[] nip_labels=[] compiled={}': _init_60ef061eee,
    'select extend_select=[] ignore=[] severity={} per_file_ignores={} fail_on preview lang packs=[] hours_per_day role_registry today check_related project_root role_aliases={}': _init_7a7d4d1977,
    'sop problem layout': _init_3a1b01d4c4,
    'span encoding': _init_c33bb3a509,
    'span message message_id': _init_eb8c8a3ad8,
    'span text': _init_cbdcc266bb,
    'span text message suggestion roles=[]': _init_f958fb6d50,
    'steps successors unknown branches=[] _loops': _init_82bb20cffd,
    'text span digits': _init_f2939ffd4d,
    'text span has_number low high unit unit_text minutes_low minutes_high number_span unit_span': _init_eb9ddf1197,
    'text span kind kind_text number year title year_span number_in_old_style truncated_year': _init_b3e5c0e205,
    'text span own_line': _init_1286231c3f,
    'text span role': _init_674d4cf503,
    'text span target end': _init_2f8618bc3f,
    'text span year month day complete valid error': _init_6cafe47276,
    'title edits applicability changes': _init_facdaa84bf,
    'title kind exact suggestion heading_span span items=[]': _init_98f615ec92,
    'title title_span sections=[] identity roles=[] steps=[] citations=[] comments=[] suppressions=[] intro=[] line_ending bom': _init_6c046fb119,
    'year month day problem': _init_8d15f74458,
}
