"""belongs_to_industry and has_industry rules on short invented texts."""

from __future__ import annotations

from conftest import make_document

from kg.relations import extract_relations
from kg.relations.base import locate_mentions


def _pairs(text: str, names, type_: str) -> set[tuple[str, str]]:
    doc = make_document(text)
    rels, _ = extract_relations(doc, locate_mentions(doc, names))
    return {(r.head, r.tail) for r in rels if r.type == type_}


def test_industry_led_sentence_places_its_companies_and_projects():
    text = "储能电池产业,集中资源做强甲辰能源基地,推动乙巳固态电池项目落地。"
    names = [("储能电池", "INDUSTRY"), ("甲辰能源基地", "COMPANY"), ("乙巳固态电池项目", "PROJECT")]
    assert _pairs(text, names, "belongs_to_industry") == {("甲辰能源基地", "储能电池"), ("乙巳固态电池项目", "储能电池")}


def test_industry_parenthetical_members_are_not_the_topic():
    text = "信息技术(含云计算、区块链)产业,大力推动丙午软件落地投产。"
    names = [("信息技术", "INDUSTRY"), ("云计算", "INDUSTRY"), ("区块链", "INDUSTRY"), ("丙午软件", "COMPANY")]
    assert _pairs(text, names, "belongs_to_industry") == {("丙午软件", "信息技术")}


def test_industry_longtou_of_a_cluster():
    text = "支持以丁未纺织为龙头的家纺产业集群壮大。"
    names = [("丁未纺织", "COMPANY"), ("家纺", "INDUSTRY")]
    assert _pairs(text, names, "belongs_to_industry") == {("丁未纺织", "家纺")}


def test_industry_main_industries_enumeration_with_back_reference():
    text = "## 西山经济开发区\n\n本刊讯 西山经济开发区加快转型。目前,全区已形成光学仪器、精细化工2个主导产业。"
    names = [("西山经济开发区", "PARK"), ("光学仪器", "INDUSTRY"), ("精细化工", "INDUSTRY")]
    assert _pairs(text, names, "has_industry") == {("西山经济开发区", "光学仪器"), ("西山经济开发区", "精细化工")}


def test_industry_weirao_project_attraction_in_a_parks_report():
    text = "## 西山经开区\n\n本刊讯 西山经开区抓项目。围绕新型建材、生物制药等开展招商对接。"
    names = [("西山经开区", "PARK"), ("新型建材", "INDUSTRY"), ("生物制药", "INDUSTRY")]
    assert _pairs(text, names, "has_industry") == {("西山经开区", "新型建材"), ("西山经开区", "生物制药")}


def test_industry_of_a_city_is_not_the_parks():
    text = "## 西山经开区\n\n本刊讯 西山经开区项目投产。项目将为西山市智能装备发展提供支撑。"
    names = [("西山经开区", "PARK"), ("西山市", "LOC"), ("智能装备", "INDUSTRY")]
    assert _pairs(text, names, "has_industry") == set()


def test_industry_inside_a_park_name_is_not_stated():
    text = "某市加快建设医用耗材产业园。"
    names = [("医用耗材产业园", "PARK"), ("医用耗材", "INDUSTRY")]
    assert _pairs(text, names, "has_industry") == set()


def test_industry_paragraph_topic_sentence_covers_parks_of_the_paragraph():
    text = "某市加快培育数字经济。推动东岭信息产业园一期投产,南塘数字产业园年内投用。"
    names = [("数字经济", "INDUSTRY"), ("东岭信息产业园", "PARK"), ("南塘数字产业园", "PARK")]
    assert _pairs(text, names, "has_industry") == {("东岭信息产业园", "数字经济"), ("南塘数字产业园", "数字经济")}


def test_industry_company_not_tied_to_an_industry_in_another_sentence():
    text = "戊申机械召开年会。光伏产业持续发展。"
    names = [("戊申机械", "COMPANY"), ("光伏", "INDUSTRY")]
    assert _pairs(text, names, "belongs_to_industry") == set()


def test_industry_park_named_as_object_after_the_industry_does_not_own_it():
    text = "## 西山经开区\n\n本刊讯 西山经开区抓项目。围绕战略性新兴产业、招引落地光电信息产业园。"
    names = [("西山经开区", "PARK"), ("战略性新兴产业", "INDUSTRY"), ("光电信息产业园", "PARK")]
    assert _pairs(text, names, "has_industry") == {("西山经开区", "战略性新兴产业")}


def test_industry_chain_leader_belongs_to_the_chain_named_before_it():
    text = "做大储能装备产业链,乙未重工成为全省链主企业,规模最大。"
    names = [("储能装备", "INDUSTRY"), ("乙未重工", "COMPANY"), ("电池", "INDUSTRY")]
    assert _pairs(text, names, "belongs_to_industry") == {("乙未重工", "储能装备")}


def test_industry_led_clause_after_a_connective():
    text = "其中,储能电池产业,推动乙巳固态电池项目落地。"
    names = [("储能电池", "INDUSTRY"), ("乙巳固态电池项目", "PROJECT")]
    assert _pairs(text, names, "belongs_to_industry") == {("乙巳固态电池项目", "储能电池")}


def test_industry_single_industry_far_from_the_company_is_not_its():
    text = "一行考察了己亥电子公司,还拜访了某大学校长,就做大做强健康食品产业进行了探讨。"
    names = [("己亥电子公司", "COMPANY"), ("健康食品", "INDUSTRY")]
    assert _pairs(text, names, "belongs_to_industry") == set()


def test_industry_zai_x_chanye_shang_leads_its_sentence():
    text = "在储能产业上,以庚子能源、辛丑电机为龙头,打造海上储能基地;以壬寅电池为龙头,加快电池项目招引。"
    names = [("储能", "INDUSTRY"), ("庚子能源", "COMPANY"), ("辛丑电机", "COMPANY"), ("壬寅电池", "COMPANY")]
    assert {h for h, t in _pairs(text, names, "belongs_to_industry") if t == "储能"} == {"庚子能源", "辛丑电机", "壬寅电池"}


def test_industry_of_the_province_is_not_the_parks():
    text = "## 西山经开区\n\n本刊讯 西山经开区加快发展。构建全省新型储能产业集聚区。"
    names = [("西山经开区", "PARK"), ("新型储能", "INDUSTRY")]
    assert _pairs(text, names, "has_industry") == set()


def test_industry_named_as_an_industry_wins_over_a_passing_product_word():
    text = "扶持癸卯客车、甲辰房车扩大甲醇应用场景,构建全省新型汽车产业集聚区。"
    names = [("癸卯客车", "COMPANY"), ("甲辰房车", "COMPANY"), ("甲醇", "INDUSTRY"), ("新型汽车", "INDUSTRY")]
    assert _pairs(text, names, "belongs_to_industry") == {("癸卯客车", "新型汽车"), ("甲辰房车", "新型汽车")}


def test_industry_stated_by_a_cluster_area_name():
    text = ("## 西山经开区\n\n本刊讯 西山经开区精准招商。该区正在对接甲申电器、乙酉家电等龙头企业,"
            "建设智能家居产业集聚区。智能家居是该区新赛道。")
    names = [("西山经开区", "PARK"), ("甲申电器", "COMPANY"), ("乙酉家电", "COMPANY"), ("智能家居产业集聚区", "PARK"),
             ("智能家居", "INDUSTRY")]
    assert _pairs(text, names, "belongs_to_industry") == {("甲申电器", "智能家居"), ("乙酉家电", "智能家居")}
    assert ("西山经开区", "智能家居") in _pairs(text, names, "has_industry")


def test_industry_project_named_after_its_industry():
    text = "某市推动甲午储能电池产业项目开工,乙未智能挖掘机项目投产。"
    names = [("甲午储能电池产业项目", "PROJECT"), ("乙未智能挖掘机项目", "PROJECT"), ("储能电池", "INDUSTRY")]
    assert _pairs(text, names, "belongs_to_industry") == {("甲午储能电池产业项目", "储能电池")}


def test_industry_paragraph_topic_sentence_covers_companies_of_the_next_sentences():
    text = "某市加快培育数字经济。推动丙申电子基地投产达效。选择10家企业开展改造。与丁酉科技合作建设创作基地。"
    names = [("数字经济", "INDUSTRY"), ("丙申电子基地", "COMPANY"), ("丁酉科技", "COMPANY")]
    assert _pairs(text, names, "belongs_to_industry") == {("丙申电子基地", "数字经济")}


def test_industry_park_named_inside_a_project_name_is_not_the_projects_industry():
    text = "某市推动固废产业园项目开工。"
    names = [("固废产业园项目", "PROJECT"), ("固废", "INDUSTRY")]
    assert _pairs(text, names, "belongs_to_industry") == set()


def test_industry_listed_beside_a_project_is_not_its_industry():
    text = "协同发展储能装备及智能网联汽车产业、绿色甲醇制造项目。"
    names = [("储能装备", "INDUSTRY"), ("智能网联汽车", "INDUSTRY"), ("绿色甲醇制造项目", "PROJECT")]
    assert _pairs(text, names, "belongs_to_industry") == set()


def test_industry_of_a_place_is_not_a_visiting_companys():
    text = "认为庚戌重工公司业务范围与南岭法兰等产业契合度较高。"
    names = [("庚戌重工公司", "COMPANY"), ("南岭", "LOC"), ("法兰", "INDUSTRY")]
    assert _pairs(text, names, "belongs_to_industry") == set()


def test_industry_after_a_visited_park_is_not_that_parks():
    text = "参训人员还走进东港经济技术开发区观摩了新兴产业示范基地和智能制造服务。"
    names = [("东港经济技术开发区", "PARK"), ("智能制造", "INDUSTRY")]
    assert _pairs(text, names, "has_industry") == set()


def test_industry_recognised_once_counts_where_written_again():
    from kg.model import Mention

    text = "某区发展医用耗材产业。在各地开展医用耗材专场招商,推动甲寅医疗、乙卯器械等项目签约。"
    doc = make_document(text)
    first = text.index("医用耗材")
    mentions = [Mention("医用耗材", "INDUSTRY", first, first + 4, "t")]
    mentions += [m for m in locate_mentions(doc, [("甲寅医疗", "PROJECT"), ("乙卯器械", "PROJECT")])]
    rels, _ = extract_relations(doc, mentions)
    got = {(r.head, r.tail) for r in rels if r.type == "belongs_to_industry"}
    assert got == {("甲寅医疗", "医用耗材"), ("乙卯器械", "医用耗材")}
