"""The headings people read above a table's columns, in Chinese and English: one entry per
column name any table of :mod:`chainatlas.graph.tables` has. The pages and their CSV / XLSX
files head a column "中文 English"; analysts' files keep the column names.

>>> heading("demand_base"), heading("no_such_column")
(('年需求', 'annual demand'), ('no_such_column', 'no_such_column'))
"""

from __future__ import annotations

HEADINGS: dict[str, tuple[str, str]] = {
    # who and what
    "rank": ("排名", "rank"),
    "list": ("清单", "list"),
    "scope": ("范围", "scope"),
    "label": ("类型", "kind"),
    "kind": ("类型", "kind"),
    "id": ("编号", "id"),
    "name": ("名称", "name"),
    "name_en": ("英文名", "name (en)"),
    "short_name": ("简称", "short name"),
    "product_id": ("产品编号", "product id"),
    "product_name": ("产品", "product"),
    "product_names": ("产品名称", "product names"),
    "products": ("产品", "products"),
    "firm_id": ("企业编号", "firm id"),
    "firm_name": ("企业", "firm"),
    "region_id": ("区域", "district"),
    "chain_id": ("产业链", "chain"),
    "stage": ("环节", "stage"),
    "stage_en": ("环节（英文）", "stage (en)"),
    "scale": ("规模", "scale"),
    "matched": ("匹配字段", "matched on"),
    "figure": ("指标", "figure"),
    "value": ("数值", "value"),
    "lon": ("经度", "longitude"),
    "lat": ("纬度", "latitude"),
    # amounts
    "capacity": ("产能", "capacity"),
    "capacity_base": ("产能（基本单位）", "capacity (base unit)"),
    "annual_demand": ("年需求量", "annual demand"),
    "demand_base": ("年需求", "annual demand"),
    "base_unit": ("单位", "unit"),
    "amount": ("数量", "amount"),
    "unit": ("单位", "unit"),
    "volume": ("年供应量", "annual volume"),
    "since": ("起始年", "since"),
    "until": ("终止年", "until"),
    "current": ("现有供需关系", "current partner"),
    # relations, paths, tiers
    "relation": ("关系", "relation"),
    "path": ("路径", "path"),
    "route": ("路线", "route"),
    "length": ("长度", "length"),
    "step": ("步", "step"),
    "from": ("供应方编号", "from (id)"),
    "from_name": ("供应方", "from"),
    "to": ("采购方编号", "to (id)"),
    "to_name": ("采购方", "to"),
    "share": ("占比", "share"),
    "path_share": ("路径占比", "path share"),
    "tier": ("层级", "tier"),
    "via": ("经由编号", "via (ids)"),
    "via_names": ("经由", "via"),
    "producers": ("本地生产企业", "local producers"),
    "producer_id": ("生产企业编号", "producer id"),
    "producer_name": ("唯一生产企业", "sole producer"),
    "producer_names": ("生产企业", "producers"),
    "consumers": ("本地需求企业数", "local firms needing it"),
    "consumer_ids": ("需求企业编号", "consumer ids"),
    "consumer_names": ("需求企业", "consumers"),
    "firms": ("企业数", "firms"),
    "needed_by": ("需求企业", "needed by"),
    "needed_by_names": ("需求企业名称", "needed by (names)"),
    "lost_products": ("失去供应的产品", "products lost"),
    "lost_product_names": ("失去供应的产品名称", "products lost (names)"),
    "lost_suppliers": ("停供的供应商", "suppliers lost"),
    "from_outside": ("供应来自图谱以外", "supplied from outside the map"),
    # chains and KPIs
    "links": ("供应关系", "supply links"),
    "needs": ("原辅料需求", "needs"),
    "producible": ("本地可生产", "made locally"),
    "supplied": ("本地在供", "supplied locally"),
    "producible_share": ("本地可生产占比", "share made locally"),
    "supplied_share": ("本地配套率", "local-supply coverage"),
    "collaborating": ("协作企业", "collaborating firms"),
    "supplied_products": ("互供产品", "supplied products"),
    "coverage": ("本地配套率", "local-supply coverage"),
    "gaps": ("缺口产品", "gap products"),
    "single_source": ("单一来源产品", "single-source products"),
    "outside_dependency": ("外部依赖度", "outside dependency"),
    # rankings
    "degree": ("度中心性", "degree"),
    "betweenness": ("介数中心性", "betweenness"),
    "in_degree": ("供应商数", "suppliers"),
    "out_degree": ("客户数", "customers"),
    "relied_on_by": ("被依赖数", "relied on by"),
    "relies_on": ("依赖数", "relies on"),
    "community": ("社区", "community"),
    "size": ("规模（企业数）", "size (firms)"),
    # the committee's lists
    "buyers": ("需求企业数", "buyers"),
    "blocks": ("影响产业链", "chains held back"),
    "outside_producers": ("外部生产企业（招商对象）", "producers outside the cluster"),
    "parts.buyers": ("需求企业分项", "buyers part"),
    "parts.demand": ("需求量分项", "demand part"),
    "parts.chains": ("产业链分项", "chains part"),
    "parts.inputs": ("本地原料分项", "inputs part"),
    "parts.downstream": ("下游需求分项", "downstream part"),
    "downstream_firms": ("下游需求企业编号", "local firms downstream (ids)"),
    "parts.single_source": ("单一来源", "single source"),
    "parts.dependence": ("依赖度", "dependence"),
    "parts.centrality": ("中心性", "centrality"),
    "parts.shortfall": ("产能缺口", "capacity shortfall"),
    "parts.outside": ("外部依赖", "outside dependency"),
    "sole_products": ("唯一本地生产的产品", "sole local producer of"),
    "partners": ("供需伙伴数", "trading partners"),
    "input_share": ("本地原料占比", "share of inputs made locally"),
    "local_inputs": ("本地有生产的原料", "inputs made locally"),
    "inputs": ("全部原料", "all inputs"),
    "downstream": ("下游需求企业数", "local firms downstream"),
    "score": ("得分", "score"),
    "reasons_zh": ("理由", "reasons (zh)"),
    "reasons_en": ("理由（英文）", "reasons"),
}


def heading(column: str) -> tuple[str, str]:
    """The Chinese and English heading of ``column`` (its own name when it has none)."""
    return HEADINGS.get(column, (column, column))


def headed(column: str) -> str:
    """A file's heading of ``column``: "中文 English" (once when both are the same)."""
    zh, en = heading(column)
    return zh if zh == en else f"{zh} {en}"
