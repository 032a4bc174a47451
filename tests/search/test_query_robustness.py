"""The search box's parser reads any text, of any shape, in time linear in its length.

Nested brackets and long chains of NOT used to recurse once per bracket, so a few hundred ``(``
raised RecursionError (an error page). The parser bounds the depth of what it builds and counts
its own steps; these tests assert both structurally, never by timing.
"""

from hypothesis import given, settings
from hypothesis import strategies as st
from modelsearch import query as sq

from cop_site.search import query, query_lexer
from cop_site.search.query import MAX_DEPTH, MAX_LENGTH, parse

# The characters the grammar gives meaning to, with words and spaces, so that generated text is
# mostly syntax.
SYNTAX = st.sampled_from(
    ["(", ")", '"', "-", "*", "~", ":", " ", "AND", "OR", "NOT", "and", "the", "title:", "care"]
)
TEXTS = st.one_of(
    st.text(max_size=2 * MAX_LENGTH),
    st.lists(SYNTAX, max_size=300).map("".join),
    st.lists(SYNTAX, max_size=300).map(" ".join),
)


def tree_shape(node) -> tuple[int, int]:
    """(depth, node count) of a modelsearch query, walked without recursion."""
    depth = count = 0
    stack = [(node, 1)]
    while stack:
        current, level = stack.pop()
        count += 1
        depth = max(depth, level)
        if isinstance(current, (sq.And, sq.Or)):
            stack.extend((child, level + 1) for child in current.subqueries)
        elif isinstance(current, (sq.Not, sq.Boost)):
            stack.append((current.subquery, level + 1))
    return depth, count


def parser_for(text: str) -> tuple[query._Parser, int]:
    notes: list[str] = []
    tokens = query_lexer.lex(text[:MAX_LENGTH], notes)
    parser = query._Parser(tokens, notes)
    parser.parse()
    return parser, len(tokens)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_parses_into_a_shallow_tree(text):
    parsed = parse(text)
    assert len(parsed.text) <= MAX_LENGTH
    if parsed.query is not None:
        depth, count = tree_shape(parsed.query)
        # Each bracket level adds at most an OR and an AND (and a NOT) around its words.
        assert depth <= 3 * MAX_DEPTH + 4
        assert count <= 2 * len(parsed.text) + 2


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_parsing_takes_steps_linear_in_the_tokens(text):
    parser, tokens = parser_for(text)
    assert parser.steps <= 6 * tokens + 2


def test_hundreds_of_nested_brackets_parse():
    for text in ["(" * 240 + "care", "(" * 240 + "care" + ")" * 240, "((care OR) " * 60]:
        parsed = parse(text)
        assert parsed.query is not None
        assert tree_shape(parsed.query)[0] <= 3 * MAX_DEPTH + 4
    assert any("Brackets inside more than" in note for note in parse("(" * 240 + "care").notes)


def test_long_chains_of_not_and_negated_words_stay_flat():
    parsed = parse("NOT " * 120 + "care")
    assert parsed.query is not None  # an even number of NOTs cancels out
    parsed = parse("care " + " ".join(f"-w{i}" for i in range(120)))
    depth, _ = tree_shape(parsed.query)
    assert depth <= 3


def test_steps_grow_in_proportion_to_the_text():
    unit = "(care AND NOT -support) OR NOT NOT ) "
    short, short_tokens = parser_for(unit * 3)
    long, long_tokens = parser_for(unit * 12)
    assert long_tokens == 4 * short_tokens
    assert long.steps <= 4 * short.steps + 8
