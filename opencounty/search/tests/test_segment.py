from opencounty.search.segment import index_terms, query_terms


def test_a_two_character_word_inside_a_longer_word_is_indexed():
    terms = index_terms("示范县人民政府办公室关于城乡低保资金的通知")
    assert "政府" in terms
    assert "低保" in terms
    assert "人民政府" in terms


def test_a_query_keeps_the_precise_cut_without_punctuation_or_repeats():
    assert query_terms("最低生活保障，最低生活保障！") == ["最低", "生活", "保障"]
    assert query_terms("  ") == []
