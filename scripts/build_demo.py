"""Build the ChainAtlas demo bundle ``data/demo/`` (the 上虞 advanced-materials panorama).

Usage::

    python scripts/build_demo.py            # writes data/demo/*.csv and verifies them
    python scripts/build_demo.py --check    # verifies the files already on disk, writes nothing

Everything here is hand-curated: the product catalogue with real names, CAS and HS codes,
the process routes (``ROUTES``, with a consumption factor per unit of output), and the list
of 155 *fictional* firms with what each one makes.  From those the script derives:

- each firm's raw and auxiliary materials (``needs``): the route inputs of what it makes that
  it does not make itself, with an annual demand = capacity x factor x utilisation;
- the current supply relationships: only between the 90 firms flagged as collaborating, only
  for the 56 products in ``SUPPLIED``, from a firm that makes the product (after its own
  captive use) to a firm that needs it, never more than either side can make or use;
- the cooperations (信息/技术/人才/资金/产品), from rules over those firms and edges.

No randomness is used except a fixed-seed generator for credit codes and telephone numbers,
so two runs give byte-identical files.  The script ends by verifying the bundle and printing
the figures the design brief fixes (155 / 90 / 56 / 4 / 3).
"""

from __future__ import annotations

import csv
import hashlib
import math
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chainatlas.loaders.codes import (  # noqa: E402
    CREDIT_ALPHABET,
    credit_code_check_char,
    is_valid_cas,
    is_valid_credit_code,
)
from chainatlas.loaders.generate import HEADERS  # noqa: E402

OUT = ROOT / "data" / "demo"
SOURCE_YEAR = 2024

# ---------------------------------------------------------------------------------------------
# Chains and regions
# ---------------------------------------------------------------------------------------------
# fmt: off
CHAINS = [
    ("dye_textile", "染料与纺织新材料", "Dyes & textile new materials",
     "染料中间体、分散/活性/硫化染料、印染助剂，到柯桥的化纤、织造、印染与功能面料"),
    ("electronic", "电子化学品与半导体材料", "Electronic chemicals & semiconductor materials",
     "湿电子化学品、电子特气、单晶硅棒与硅片、晶体生长设备，到电池片与功率器件"),
    ("fluorine", "氟材料", "Fluorine materials",
     "萤石—无水氟化氢—氟制冷剂—含氟单体—PTFE/FEP/PVDF/氟橡胶—含氟膜材料"),
    ("polymer", "高分子材料", "Polymer materials",
     "宁波石化原料—PTA/乙二醇/环氧丙烷—聚酯、PPS、聚醚、PTMEG—改性塑料与纤维"),
]

REGIONS = [
    ("keqiao", "柯桥", "Keqiao", "绍兴", "浙江", "partner"),
    ("ningbo", "宁波", "Ningbo", "宁波", "浙江", "partner"),
    ("shangyu", "上虞", "Shangyu", "绍兴", "浙江", "core"),
]

# park key -> (park name, region id, admin division code used in credit codes)
PARKS = {
    "SY1": ("杭州湾上虞经济技术开发区", "shangyu", "330604"),
    "SY2": ("上虞经济开发区", "shangyu", "330604"),
    "ZH": ("宁波石化经济技术开发区", "ningbo", "330211"),
    "DX": ("宁波大榭开发区", "ningbo", "330201"),
    "BL": ("宁波经济技术开发区", "ningbo", "330206"),
    "KQ1": ("柯桥经济技术开发区", "keqiao", "330603"),
    "KQ2": ("绍兴柯桥滨海工业区", "keqiao", "330603"),
}

# ---------------------------------------------------------------------------------------------
# Products: id, 名称, English name, CAS, HS, unit, aliases, chain, stage
# CAS left empty for mixtures, formulated products, articles, fabrics and equipment.
# HS codes follow HS 2022 at 6 digits.
# ---------------------------------------------------------------------------------------------
P = [
    # --- polymer: feedstocks (宁波) --------------------------------------------------------
    ("crude_oil", "原油", "Crude petroleum oil", "8002-05-9", "270900", "t", "原油|Crude oil",
     "polymer", "上游"),
    ("naphtha", "石脑油", "Naphtha", "8030-30-6", "271012", "t", "轻石脑油|化工轻油",
     "polymer", "上游"),
    ("ethylene", "乙烯", "Ethylene", "74-85-1", "290121", "t", "C2H4", "polymer", "上游"),
    ("propylene", "丙烯", "Propylene", "115-07-1", "290122", "t", "聚合级丙烯|C3H6",
     "polymer", "上游"),
    ("benzene", "纯苯", "Benzene", "71-43-2", "290220", "t", "苯|石油苯", "polymer", "上游"),
    ("p_xylene", "对二甲苯", "p-Xylene (PX)", "106-42-3", "290243", "t", "PX|对二甲苯（PX）",
     "polymer", "上游"),
    ("acetic_acid", "醋酸", "Acetic acid", "64-19-7", "291521", "t", "乙酸|冰醋酸",
     "polymer", "上游"),
    ("pta", "精对苯二甲酸", "Purified terephthalic acid (PTA)", "100-21-0", "291736", "t",
     "PTA|对苯二甲酸", "polymer", "上游"),
    ("ethylene_oxide", "环氧乙烷", "Ethylene oxide (EO)", "75-21-8", "291010", "t", "EO",
     "polymer", "上游"),
    ("meg", "乙二醇", "Monoethylene glycol (MEG)", "107-21-1", "290531", "t", "MEG|EG",
     "polymer", "上游"),
    ("propylene_oxide", "环氧丙烷", "Propylene oxide (PO)", "75-56-9", "291020", "t", "PO",
     "polymer", "上游"),
    ("propylene_glycol", "1,2-丙二醇", "1,2-Propylene glycol", "57-55-6", "290532", "t",
     "丙二醇|MPG", "polymer", "上游"),
    ("chlorobenzene", "氯苯", "Chlorobenzene", "108-90-7", "290391", "t", "一氯苯|MCB",
     "polymer", "上游"),
    ("pdcb", "对二氯苯", "p-Dichlorobenzene", "106-46-7", "290391", "t", "PDCB|1,4-二氯苯",
     "polymer", "上游"),
    ("sodium_sulfide", "硫化钠", "Sodium sulfide (60% flakes)", "1313-82-2", "283010", "t",
     "硫化碱|臭碱", "polymer", "上游"),
    ("bdo", "1,4-丁二醇", "1,4-Butanediol (BDO)", "110-63-4", "290539", "t", "BDO",
     "polymer", "上游"),
    ("thf", "四氢呋喃", "Tetrahydrofuran (THF)", "109-99-9", "293211", "t", "THF",
     "polymer", "上游"),
    ("gbl", "γ-丁内酯", "gamma-Butyrolactone (GBL)", "96-48-0", "293220", "t", "GBL|丁内酯",
     "polymer", "上游"),
    ("methylamine", "一甲胺", "Monomethylamine", "74-89-5", "292111", "t", "甲胺|MMA",
     "polymer", "上游"),
    ("nmp", "N-甲基吡咯烷酮", "N-Methyl-2-pyrrolidone (NMP)", "872-50-4", "293379", "t",
     "NMP", "polymer", "上游"),
    ("mdi", "二苯基甲烷二异氰酸酯", "Diphenylmethane diisocyanate (MDI)", "101-68-8", "292910",
     "t", "MDI|纯MDI|4,4'-MDI", "polymer", "上游"),
    ("lauryl_alcohol", "十二醇", "Dodecan-1-ol (lauryl alcohol)", "112-53-8", "290517", "t",
     "月桂醇|C12醇", "polymer", "上游"),
    ("glass_fiber", "短切玻璃纤维", "Chopped glass fibre strands", "", "701911", "t",
     "玻纤|短切纱", "polymer", "上游"),
    # --- polymer: resins and their products ----------------------------------------------
    ("pet_chip", "聚酯切片（纤维级）", "PET chips, fibre grade", "25038-59-9", "390769", "t",
     "PET|涤纶切片|聚对苯二甲酸乙二醇酯", "polymer", "中游"),
    ("pps", "聚苯硫醚", "Polyphenylene sulfide (PPS)", "9016-75-5", "391190", "t",
     "PPS|聚苯硫醚树脂", "polymer", "中游"),
    ("ppg", "聚醚多元醇（聚丙二醇）", "Polyether polyol (polypropylene glycol, PPG)",
     "25322-69-4", "390729", "t", "PPG|聚丙二醇|聚醚多元醇", "polymer", "中游"),
    ("eo_po_polyether", "环氧乙烷-环氧丙烷嵌段聚醚", "EO/PO block copolymer polyether",
     "9003-11-6", "340242", "t", "嵌段聚醚|泊洛沙姆|L64|F68", "polymer", "中游"),
    ("aeo", "脂肪醇聚氧乙烯醚", "Fatty alcohol ethoxylate (AEO-9)", "68439-50-9", "340242",
     "t", "AEO|AEO-9|平平加", "polymer", "中游"),
    ("ptmeg", "聚四氢呋喃", "Polytetramethylene ether glycol (PTMEG)", "25190-06-1", "390729",
     "t", "PTMEG|PTMG|聚四亚甲基醚二醇", "polymer", "中游"),
    ("pps_compound", "改性PPS（玻纤增强）", "Glass-fibre reinforced PPS compound", "",
     "391190", "t", "PPS GF40|增强PPS|PPS改性料", "polymer", "下游"),
    ("pps_fiber", "聚苯硫醚短纤维", "PPS staple fibre", "", "550390", "t", "PPS纤维|PPS短纤",
     "polymer", "下游"),
    ("pps_filter_felt", "PPS针刺过滤毡", "PPS needle-punched filter felt", "", "591190", "m2",
     "PPS滤料|PPS除尘滤袋", "polymer", "下游"),
    ("pu_coating", "聚氨酯涂层胶", "Polyurethane coating and laminating resin", "", "390950",
     "t", "PU涂层胶|PU胶|聚氨酯复合胶", "polymer", "下游"),
    # --- fluorine ----------------------------------------------------------------------
    ("fluorspar", "萤石（酸级）", "Fluorspar, acid grade (CaF2 >97%)", "7789-75-5", "252922",
     "t", "萤石精粉|氟化钙|CaF2", "fluorine", "上游"),
    ("sulfur", "硫磺", "Sulphur", "7704-34-9", "250300", "t", "硫黄|液体硫磺",
     "fluorine", "上游"),
    ("sulfuric_acid", "硫酸（98%）", "Sulphuric acid (98%)", "7664-93-9", "280700", "t",
     "浓硫酸|工业硫酸", "fluorine", "上游"),
    ("ahf", "无水氟化氢", "Anhydrous hydrogen fluoride (AHF)", "7664-39-3", "281111", "t",
     "AHF|无水氢氟酸|氟化氢", "fluorine", "上游"),
    ("methanol", "甲醇", "Methanol", "67-56-1", "290511", "t", "木醇", "fluorine", "上游"),
    ("chlorine", "液氯", "Chlorine (liquid)", "7782-50-5", "280110", "t", "氯气|Cl2",
     "fluorine", "上游"),
    ("hydrochloric_acid", "盐酸（31%）", "Hydrochloric acid (31%)", "7647-01-0", "280610",
     "t", "工业盐酸|氯化氢", "fluorine", "上游"),
    ("dichloromethane", "二氯甲烷", "Dichloromethane", "75-09-2", "290312", "t",
     "DCM|甲叉二氯", "fluorine", "上游"),
    ("chloroform", "三氯甲烷", "Chloroform", "67-66-3", "290313", "t", "氯仿",
     "fluorine", "上游"),
    ("vdc", "偏二氯乙烯", "Vinylidene chloride (VDC)", "75-35-4", "290329", "t",
     "VDC|1,1-二氯乙烯", "fluorine", "上游"),
    ("hcfc22", "二氟一氯甲烷", "Chlorodifluoromethane (HCFC-22)", "75-45-6", "290371", "t",
     "R22|F22|HCFC-22", "fluorine", "中游"),
    ("tfe", "四氟乙烯", "Tetrafluoroethylene (TFE)", "116-14-3", "290359", "t", "TFE",
     "fluorine", "中游"),
    ("hfp", "六氟丙烯", "Hexafluoropropylene (HFP)", "116-15-4", "290359", "t", "HFP",
     "fluorine", "中游"),
    ("hcfc142b", "1-氯-1,1-二氟乙烷", "1-Chloro-1,1-difluoroethane (HCFC-142b)", "75-68-3",
     "290374", "t", "R142b|HCFC-142b|二氟一氯乙烷", "fluorine", "中游"),
    ("vdf", "偏氟乙烯", "Vinylidene fluoride (VDF)", "75-38-7", "290359", "t",
     "VDF|1,1-二氟乙烯", "fluorine", "中游"),
    ("ptfe", "聚四氟乙烯", "Polytetrafluoroethylene (PTFE)", "9002-84-0", "390461", "t",
     "PTFE|特氟龙|分散树脂|悬浮树脂", "fluorine", "中游"),
    ("fep", "聚全氟乙丙烯", "Fluorinated ethylene propylene (FEP)", "25067-11-2", "390469",
     "t", "FEP|F46", "fluorine", "中游"),
    ("pvdf", "聚偏氟乙烯", "Polyvinylidene fluoride (PVDF)", "24937-79-9", "390469", "t",
     "PVDF|F2", "fluorine", "中游"),
    ("fkm", "氟橡胶（26型）", "Fluoroelastomer, VDF/HFP copolymer (FKM)", "9011-17-0",
     "390469", "t", "FKM|氟橡胶|F26", "fluorine", "中游"),
    ("ammonium_bifluoride", "氟化氢铵", "Ammonium bifluoride", "1341-49-7", "282619", "t",
     "酸性氟化铵|NH4HF2", "fluorine", "中游"),
    ("hfc32", "二氟甲烷", "Difluoromethane (HFC-32)", "75-10-5", "290342", "t",
     "R32|HFC-32", "fluorine", "下游"),
    ("eptfe_membrane", "膨体聚四氟乙烯微孔膜", "Expanded PTFE microporous membrane", "",
     "392099", "m2", "ePTFE膜|PTFE微孔膜|PTFE覆膜", "fluorine", "下游"),
    ("pvdf_membrane", "PVDF中空纤维膜组件", "PVDF hollow-fibre membrane module", "", "842121",
     "套", "PVDF超滤膜|中空纤维膜", "fluorine", "下游"),
    ("fluorobenzene", "氟苯", "Fluorobenzene", "462-06-6", "290399", "t", "单氟苯",
     "fluorine", "下游"),
    # --- electronic ------------------------------------------------------------------------
    ("hydrogen", "氢气", "Hydrogen", "1333-74-0", "280410", "t", "H2|工业氢",
     "electronic", "上游"),
    ("h2o2", "工业双氧水（27.5%）", "Hydrogen peroxide, technical (27.5%)", "7722-84-1",
     "284700", "t", "双氧水|过氧化氢", "electronic", "上游"),
    ("isopropanol", "异丙醇", "Isopropanol", "67-63-0", "290512", "t", "IPA|2-丙醇",
     "electronic", "上游"),
    ("argon", "氩气", "Argon", "7440-37-1", "280421", "t", "液氩|高纯氩", "electronic", "上游"),
    ("polysilicon", "多晶硅", "Polysilicon", "7440-21-3", "280461", "t", "多晶硅料|致密料|颗粒硅",
     "electronic", "上游"),
    ("quartz_crucible", "高纯石英坩埚", "High-purity fused quartz crucible", "", "702000", "套",
     "石英坩埚|单晶坩埚", "electronic", "上游"),
    ("carbon_fiber", "碳纤维（PAN基）", "PAN-based carbon fibre", "", "681511", "t",
     "碳纤维|12K碳纤维", "electronic", "上游"),
    ("graphite_hotzone", "碳/碳复合材料热场部件", "C/C composite hot-zone parts", "", "681513",
     "套", "碳碳热场|热场|石墨热场", "electronic", "上游"),
    ("crystal_furnace", "直拉单晶炉", "Czochralski crystal growth furnace", "", "848610", "台",
     "单晶炉|晶体生长炉|CZ炉", "electronic", "上游"),
    ("ehf", "电子级氢氟酸（49%）", "Electronic-grade hydrofluoric acid (49%)", "7664-39-3",
     "281111", "t", "电子级HF|UPSSS氢氟酸|G5氢氟酸", "electronic", "中游"),
    ("esa", "电子级硫酸（96%）", "Electronic-grade sulphuric acid (96%)", "7664-93-9",
     "280700", "t", "电子级H2SO4|超净高纯硫酸", "electronic", "中游"),
    ("eh2o2", "电子级双氧水（31%）", "Electronic-grade hydrogen peroxide (31%)", "7722-84-1",
     "284700", "t", "电子级H2O2|超净高纯双氧水", "electronic", "中游"),
    ("enitric", "电子级硝酸（70%）", "Electronic-grade nitric acid (70%)", "7697-37-2",
     "280800", "t", "电子级HNO3", "electronic", "中游"),
    ("eammonia", "电子级氨水（29%）", "Electronic-grade ammonium hydroxide (29%)", "1336-21-6",
     "281420", "t", "电子级氨水|超净氨水", "electronic", "中游"),
    ("ammonium_fluoride", "氟化铵溶液（40%）", "Ammonium fluoride solution (40%)",
     "12125-01-8", "282619", "t", "电子级氟化铵|NH4F", "electronic", "中游"),
    ("boe", "缓冲氧化物刻蚀液", "Buffered oxide etchant (BOE)", "", "382499", "t",
     "BOE|BHF|缓冲氢氟酸", "electronic", "中游"),
    ("eipa", "电子级异丙醇", "Electronic-grade isopropanol", "67-63-0", "290512", "t",
     "电子级IPA", "electronic", "中游"),
    ("nf3", "三氟化氮", "Nitrogen trifluoride", "7783-54-2", "281290", "t", "NF3|电子特气",
     "electronic", "中游"),
    ("mono_ingot", "单晶硅棒", "Monocrystalline silicon ingot", "", "381800", "t",
     "单晶棒|N型单晶硅棒", "electronic", "中游"),
    ("wafer", "单晶硅片", "Monocrystalline silicon wafer (182/210 mm)", "", "381800", "片",
     "硅片|光伏硅片|N型硅片", "electronic", "中游"),
    ("polished_wafer", "硅抛光片（8英寸）", "Polished silicon wafer, 200 mm", "", "381800", "片",
     "8英寸抛光片|半导体硅片", "electronic", "中游"),
    ("photoresist", "光刻胶（g/i线正胶）", "Photoresist, g/i-line positive", "", "370790", "t",
     "光刻胶|光阻", "electronic", "中游"),
    ("silver_paste", "光伏导电银浆", "Photovoltaic conductive silver paste", "", "", "t",
     "银浆|正银|背银", "electronic", "中游"),
    ("solar_cell", "太阳能电池片（TOPCon）", "Solar cell, TOPCon", "", "854142", "片",
     "电池片|光伏电池", "electronic", "下游"),
    ("power_chip", "功率器件晶圆（MOSFET/IGBT）", "Power device wafers (MOSFET/IGBT)", "",
     "854129", "片", "功率芯片|IGBT晶圆|MOSFET晶圆", "electronic", "下游"),
    # --- dyes and textiles ----------------------------------------------------------------
    ("caustic_soda", "烧碱（折百）", "Caustic soda (NaOH, 100% basis)", "1310-73-2", "281512",
     "t", "氢氧化钠|液碱|片碱", "dye_textile", "上游"),
    ("ammonia", "液氨", "Ammonia, anhydrous", "7664-41-7", "281410", "t", "氨|NH3",
     "dye_textile", "上游"),
    ("nitric_acid", "浓硝酸（98%）", "Nitric acid (98%)", "7697-37-2", "280800", "t",
     "硝酸|发烟硝酸", "dye_textile", "上游"),
    ("pd_catalyst", "钯系加氢催化剂", "Palladium hydrogenation catalyst (Pd/C, Pd/Al2O3)",
     "", "381512", "t", "钯碳|钯炭催化剂|Pd/C", "dye_textile", "上游"),
    ("nitrobenzene", "硝基苯", "Nitrobenzene", "98-95-3", "290420", "t", "密斑油",
     "dye_textile", "上游"),
    ("aniline", "苯胺", "Aniline", "62-53-3", "292141", "t", "氨基苯", "dye_textile", "上游"),
    ("m_dinitrobenzene", "间二硝基苯", "m-Dinitrobenzene", "99-65-0", "290420", "t",
     "1,3-二硝基苯", "dye_textile", "上游"),
    ("m_phenylenediamine", "间苯二胺", "m-Phenylenediamine", "108-45-2", "292151", "t",
     "MPD|1,3-苯二胺", "dye_textile", "上游"),
    ("p_nitrochlorobenzene", "对硝基氯苯", "1-Chloro-4-nitrobenzene", "100-00-5", "290499",
     "t", "PNCB|4-硝基氯苯", "dye_textile", "上游"),
    ("p_nitroaniline", "对硝基苯胺", "4-Nitroaniline", "100-01-6", "292142", "t",
     "PNA|4-硝基苯胺", "dye_textile", "上游"),
    ("dncb", "2,4-二硝基氯苯", "1-Chloro-2,4-dinitrobenzene", "97-00-7", "290499", "t",
     "DNCB|二硝基氯苯", "dye_textile", "上游"),
    ("dinitroaniline", "2,4-二硝基苯胺", "2,4-Dinitroaniline", "97-02-9", "292142", "t",
     "二硝基苯胺", "dye_textile", "上游"),
    ("naphthalene", "精萘", "Naphthalene, refined", "91-20-3", "290290", "t", "萘|石油萘",
     "dye_textile", "上游"),
    ("h_acid", "H酸", "H-acid (4-amino-5-hydroxynaphthalene-2,7-disulfonic acid)", "90-20-0",
     "292221", "t", "H酸|1-氨基-8-萘酚-3,6-二磺酸", "dye_textile", "上游"),
    ("para_ester", "对位酯", "Para-base ester (4-aminophenyl-β-hydroxyethyl sulfone sulfate)",
     "2494-89-5", "293090", "t", "对位酯|乙烯砜", "dye_textile", "上游"),
    ("cyanuric_chloride", "三聚氯氰", "Cyanuric chloride", "108-77-0", "293369", "t",
     "氰尿酰氯|2,4,6-三氯-1,3,5-三嗪", "dye_textile", "上游"),
    ("poy", "涤纶预取向丝（POY）", "Polyester partially oriented yarn (POY)", "", "540246",
     "t", "POY|涤纶长丝", "dye_textile", "上游"),
    ("fdy", "涤纶全牵伸丝（FDY）", "Polyester fully drawn yarn (FDY)", "", "540247", "t",
     "FDY|涤纶长丝", "dye_textile", "上游"),
    ("dty", "涤纶加弹丝（DTY）", "Polyester draw-textured yarn (DTY)", "", "540233", "t",
     "DTY|低弹丝|涤纶长丝", "dye_textile", "上游"),
    ("spandex", "氨纶丝", "Spandex (elastane) filament", "", "540244", "t", "氨纶|莱卡",
     "dye_textile", "上游"),
    ("disperse_dye", "分散染料", "Disperse dyes", "", "320411", "t",
     "分散黑ECT|分散蓝79|分散红73", "dye_textile", "中游"),
    ("reactive_dye", "活性染料", "Reactive dyes", "", "320416", "t", "活性黑5|活性红195",
     "dye_textile", "中游"),
    ("sulfur_black", "硫化黑", "Sulphur Black 1", "1326-82-5", "320419", "t",
     "硫化黑BR|硫化黑1", "dye_textile", "中游"),
    ("dispersant_nno", "扩散剂NNO", "Dispersant NNO (sodium naphthalenesulfonate-formaldehyde "
     "condensate)", "36290-04-7", "340239", "t", "NNO|亚甲基双萘磺酸钠", "dye_textile", "中游"),
    ("textile_aux", "印染助剂（前处理剂/匀染剂）", "Textile dyeing auxiliaries", "", "380991",
     "t", "前处理剂|匀染剂|精练剂", "dye_textile", "中游"),
    ("grey_fabric", "化纤坯布", "Polyester grey fabric (incl. blends)", "", "540751", "万m",
     "坯布|涤纶坯布|涤氨弹力坯布", "dye_textile", "中游"),
    ("dyed_fabric", "印染面料", "Dyed and printed fabric", "", "540752", "万m",
     "染色布|印花布|成品面料", "dye_textile", "下游"),
    ("laminated_fabric", "防水透湿复合面料", "Waterproof breathable laminated fabric", "",
     "590390", "万m", "覆膜面料|三合一面料", "dye_textile", "下游"),
    ("garment", "户外及职业服装", "Outdoor and work garments", "", "620140", "套",
     "冲锋衣|职业装|成衣", "dye_textile", "下游"),
]

# ---------------------------------------------------------------------------------------------
# Process routes: (input, output, consumption of input per unit of output, note).
# Factor 0 marks a co-product route (the input is consumed by the process that makes the
# output, but is already accounted for by the main product of that unit).
# ---------------------------------------------------------------------------------------------
ROUTES = [
    # refining, cracking, aromatics (宁波)
    ("crude_oil", "naphtha", 4.5, "常减压蒸馏、加氢精制切取石脑油馏分"),
    ("crude_oil", "sulfur", 0, "炼厂酸性气克劳斯法硫回收（副产）"),
    ("crude_oil", "propylene", 0, "催化裂化（FCC）液化气中分离丙烯（联产）"),
    ("naphtha", "ethylene", 3.2, "蒸汽裂解"),
    ("naphtha", "propylene", 0, "蒸汽裂解联产"),
    ("naphtha", "benzene", 0, "催化重整/裂解汽油抽提（联产）"),
    ("naphtha", "p_xylene", 2.8, "催化重整—芳烃联合装置，吸附分离"),
    ("naphtha", "naphthalene", 0, "乙烯裂解焦油中分离石油萘（联产）"),
    ("methanol", "acetic_acid", 0.54, "甲醇低压羰基合成（铑/铱催化）"),
    ("p_xylene", "pta", 0.66, "Co-Mn-Br催化空气氧化，醋酸为溶剂"),
    ("acetic_acid", "pta", 0.045, "氧化反应溶剂（消耗补充）"),
    ("hydrogen", "pta", 0.0003, "粗TPA加氢精制"),
    ("pd_catalyst", "pta", 0.00002, "加氢精制用钯/炭催化剂"),
    ("ethylene", "ethylene_oxide", 0.78, "银催化剂氧气直接氧化"),
    ("ethylene_oxide", "meg", 0.73, "环氧乙烷加压水合"),
    ("propylene", "propylene_oxide", 0.78, "HPPO法（钛硅分子筛催化）"),
    ("h2o2", "propylene_oxide", 2.1, "HPPO法氧化剂（以27.5%计）"),
    ("propylene_oxide", "propylene_glycol", 0.8, "环氧丙烷水合"),
    ("propylene", "isopropanol", 0.75, "丙烯水合"),
    # polyester and textiles
    ("pta", "pet_chip", 0.86, "与乙二醇直接酯化、熔融缩聚"),
    ("meg", "pet_chip", 0.335, "与PTA直接酯化、熔融缩聚"),
    ("pet_chip", "poy", 1.01, "熔体直纺/切片纺高速纺丝"),
    ("pet_chip", "fdy", 1.01, "纺丝—拉伸一步法"),
    ("poy", "dty", 1.02, "拉伸假捻变形（加弹）"),
    ("dty", "grey_fabric", 0.7, "喷水织机织造（纬纱）"),
    ("fdy", "grey_fabric", 0.3, "喷水织机织造（经纱）"),
    ("spandex", "grey_fabric", 0.05, "包覆纱织造弹力坯布"),
    ("grey_fabric", "dyed_fabric", 1.05, "前处理—染色/印花—定形"),
    ("disperse_dye", "dyed_fabric", 0.02, "涤纶高温高压分散染色"),
    ("reactive_dye", "dyed_fabric", 0.006, "交织面料中棉/粘胶组分染色"),
    ("sulfur_black", "dyed_fabric", 0.01, "棉组分染黑"),
    ("textile_aux", "dyed_fabric", 0.04, "前处理、匀染、皂洗"),
    ("caustic_soda", "dyed_fabric", 0.05, "退浆精练、碱减量"),
    ("h2o2", "dyed_fabric", 0.03, "交织面料氧漂"),
    ("dyed_fabric", "laminated_fabric", 1.03, "面料与膜复合"),
    ("eptfe_membrane", "laminated_fabric", 6000,
     "ePTFE膜点胶复合（幅宽1.5 m，约四成产品用ePTFE膜，其余为TPU膜）"),
    ("pu_coating", "laminated_fabric", 0.35, "聚氨酯复合胶"),
    ("dyed_fabric", "garment", 0.00018, "裁剪缝制（约1.8 m/套）"),
    ("laminated_fabric", "garment", 0.00015, "冲锋衣面料（约1.5 m/套）"),
    # PTMEG, spandex, polyurethane
    ("bdo", "thf", 1.3, "BDO脱水环化"),
    ("thf", "ptmeg", 1.02, "阳离子开环聚合"),
    ("bdo", "gbl", 1.1, "BDO气相脱氢环化"),
    ("gbl", "nmp", 0.88, "与一甲胺胺化"),
    ("methylamine", "nmp", 0.33, "与γ-丁内酯胺化"),
    ("methanol", "methylamine", 1.1, "甲醇气相胺化"),
    ("ammonia", "methylamine", 0.6, "甲醇气相胺化"),
    ("benzene", "nitrobenzene", 0.64, "混酸硝化"),
    ("nitric_acid", "nitrobenzene", 0.53, "混酸硝化"),
    ("sulfuric_acid", "nitrobenzene", 0.02, "混酸硝化（废酸浓缩回用，补充量）"),
    ("nitrobenzene", "aniline", 1.34, "催化加氢还原"),
    ("hydrogen", "aniline", 0.066, "催化加氢还原"),
    ("pd_catalyst", "aniline", 0.00002, "液相加氢催化剂"),
    ("aniline", "mdi", 0.76, "与甲醛缩合为MDA后光气化"),
    ("chlorine", "mdi", 0.15, "CO与氯气合成光气（副产HCl催化氧化回用，补充氯气）"),
    ("ptmeg", "spandex", 0.78, "与MDI预聚、扩链后干法纺丝"),
    ("mdi", "spandex", 0.18, "预聚与扩链"),
    ("ppg", "pu_coating", 0.45, "与MDI预聚制溶剂型/无溶剂聚氨酯"),
    ("mdi", "pu_coating", 0.12, "预聚"),
    # PPS
    ("benzene", "chlorobenzene", 0.72, "FeCl3催化液相氯化"),
    ("chlorine", "chlorobenzene", 0.66, "FeCl3催化液相氯化"),
    ("chlorobenzene", "pdcb", 0.8, "深度氯化、熔融结晶分离对位体"),
    ("chlorine", "pdcb", 0.5, "深度氯化"),
    ("caustic_soda", "sodium_sulfide", 0.62, "烧碱吸收炼厂酸性气（H2S）制硫化钠"),
    ("pdcb", "pps", 1.4, "NMP中与硫化钠高温高压缩聚"),
    ("sodium_sulfide", "pps", 1.25, "硫源（以60%硫化钠计）"),
    ("nmp", "pps", 0.08, "聚合溶剂（回收后补充）"),
    ("pps", "pps_compound", 0.6, "双螺杆挤出共混改性"),
    ("glass_fiber", "pps_compound", 0.4, "玻纤增强（GF40）"),
    ("pps", "pps_fiber", 1.03, "熔融纺丝、牵伸、切断"),
    ("pps_fiber", "pps_filter_felt", 0.00055, "梳理、针刺成毡、热定型"),
    ("eptfe_membrane", "pps_filter_felt", 0.3, "覆膜滤料（约三成产品覆ePTFE膜）"),
    # polyethers and surfactants
    ("propylene_oxide", "ppg", 0.97, "KOH/DMC催化开环聚合"),
    ("propylene_glycol", "ppg", 0.04, "起始剂"),
    ("ethylene_oxide", "eo_po_polyether", 0.3, "嵌段聚合（EO段）"),
    ("propylene_oxide", "eo_po_polyether", 0.7, "嵌段聚合（PO段）"),
    ("ethylene_oxide", "aeo", 0.67, "乙氧基化"),
    ("lauryl_alcohol", "aeo", 0.33, "乙氧基化起始醇"),
    ("aeo", "textile_aux", 0.25, "复配（渗透、精练）"),
    ("eo_po_polyether", "textile_aux", 0.15, "复配（低泡、匀染）"),
    # fluorine
    ("sulfur", "sulfuric_acid", 0.335, "硫磺焚烧—接触法制酸"),
    ("fluorspar", "ahf", 2.2, "与硫酸在回转炉中反应，精馏提纯"),
    ("sulfuric_acid", "ahf", 2.7, "与萤石反应（副产氟石膏）"),
    ("methanol", "dichloromethane", 0.4, "甲醇氢氯化制一氯甲烷，再热氯化"),
    ("chlorine", "dichloromethane", 0.88, "一氯甲烷热氯化"),
    ("hydrochloric_acid", "dichloromethane", 0.1, "氢氯化补充氯化氢"),
    ("methanol", "chloroform", 0.29, "甲醇氢氯化制一氯甲烷，再深度氯化"),
    ("chlorine", "chloroform", 1.22, "深度氯化"),
    ("hydrochloric_acid", "chloroform", 0.08, "氢氯化补充氯化氢"),
    ("chlorine", "hydrochloric_acid", 0.3, "氯气与氢气合成氯化氢，水吸收"),
    ("hydrogen", "hydrochloric_acid", 0.009, "氯气与氢气合成氯化氢"),
    ("ethylene", "vdc", 0.32, "经二氯乙烷、氯乙烯、1,1,2-三氯乙烷，皂化脱氯化氢"),
    ("chlorine", "vdc", 1.5, "乙烯氯化与氯乙烯氯化"),
    ("caustic_soda", "vdc", 0.45, "1,1,2-三氯乙烷皂化脱氯化氢"),
    ("chloroform", "hcfc22", 1.45, "SbCl5催化液相氟化"),
    ("ahf", "hcfc22", 0.5, "SbCl5催化液相氟化"),
    ("hcfc22", "tfe", 2.1, "高温裂解（约750 ℃）"),
    ("tfe", "hfp", 1.1, "四氟乙烯高温裂解"),
    ("tfe", "ptfe", 1.01, "悬浮/分散聚合"),
    ("tfe", "fep", 0.85, "与六氟丙烯共聚"),
    ("hfp", "fep", 0.17, "与四氟乙烯共聚"),
    ("vdc", "hcfc142b", 1.0, "液相氟化"),
    ("ahf", "hcfc142b", 0.42, "液相氟化"),
    ("hcfc142b", "vdf", 1.65, "高温裂解脱氯化氢"),
    ("vdf", "pvdf", 1.02, "悬浮/乳液聚合"),
    ("vdf", "fkm", 0.62, "与六氟丙烯乳液共聚"),
    ("hfp", "fkm", 0.4, "与偏氟乙烯乳液共聚"),
    ("dichloromethane", "hfc32", 1.7, "SbCl5催化液相氟化"),
    ("ahf", "hfc32", 0.8, "液相氟化"),
    ("ptfe", "eptfe_membrane", 0.00003, "分散树脂糊状挤出、压延、双向拉伸"),
    ("pvdf", "pvdf_membrane", 0.005, "NIPS/TIPS法纺制中空纤维并封装"),
    ("ahf", "ammonium_bifluoride", 0.72, "氟化氢与氨中和、结晶"),
    ("ammonia", "ammonium_bifluoride", 0.31, "中和"),
    ("aniline", "fluorobenzene", 1.05, "无水氟化氢中重氮化、热分解（Balz-Schiemann改良法）"),
    ("ahf", "fluorobenzene", 0.6, "重氮化溶剂兼氟源"),
    # electronic chemicals and gases
    ("ahf", "ehf", 0.55, "精馏、超纯水吸收、超滤（G4/G5）"),
    ("sulfuric_acid", "esa", 1.05, "精馏/SO3吸收提纯"),
    ("hydrogen", "h2o2", 0.017, "蒽醌法（2-乙基蒽醌工作液）氢化"),
    ("pd_catalyst", "h2o2", 0.00001, "氢化催化剂（钯/氧化铝）"),
    ("h2o2", "eh2o2", 1.2, "树脂吸附、膜过滤提纯"),
    ("ammonia", "nitric_acid", 0.29, "氨氧化—吸收、镁硝浓缩"),
    ("nitric_acid", "enitric", 0.75, "精馏提纯、超纯水稀释至70%、超滤"),
    ("ammonia", "eammonia", 0.3, "液氨精馏、超纯水吸收"),
    ("ahf", "ammonium_fluoride", 0.22, "氟化氢与氨中和（以40%溶液计）"),
    ("ammonia", "ammonium_fluoride", 0.19, "中和"),
    ("ammonium_fluoride", "boe", 0.85, "与电子级氢氟酸按比例（如6:1）配制"),
    ("ehf", "boe", 0.15, "配制"),
    ("isopropanol", "eipa", 1.05, "精馏、分子筛脱水、超滤"),
    ("ammonium_bifluoride", "nf3", 2.6, "NH4F·HF熔盐电解"),
    # silicon and devices
    ("polysilicon", "mono_ingot", 1.12, "直拉法（CZ/RCZ）单晶生长"),
    ("quartz_crucible", "mono_ingot", 0.15, "盛装硅熔体（消耗件）"),
    ("argon", "mono_ingot", 1.2, "炉内保护气（含回收）"),
    ("graphite_hotzone", "mono_ingot", 0.03, "热场更换件"),
    ("crystal_furnace", "mono_ingot", 0.004, "设备：直拉单晶炉（扩产与更新）"),
    ("carbon_fiber", "graphite_hotzone", 0.15, "碳纤维预制体CVI致密化、高温纯化"),
    ("graphite_hotzone", "crystal_furnace", 1, "配套热场"),
    ("mono_ingot", "wafer", 0.000023, "截断开方、金刚线切片、清洗"),
    ("wafer", "solar_cell", 1.02, "制绒、扩散、钝化、丝网印刷"),
    ("ehf", "solar_cell", 0.000007, "去PSG、清洗"),
    ("enitric", "solar_cell", 0.000003, "边缘刻蚀（HF/HNO3）"),
    ("silver_paste", "solar_cell", 0.0000001, "丝网印刷电极"),
    ("polished_wafer", "power_chip", 1.05, "前道工艺投片"),
    ("photoresist", "power_chip", 0.00008, "光刻"),
    ("esa", "power_chip", 0.008, "SPM去胶清洗"),
    ("eh2o2", "power_chip", 0.006, "SPM/SC1/SC2清洗"),
    ("ehf", "power_chip", 0.002, "氧化层刻蚀、清洗"),
    ("eammonia", "power_chip", 0.0015, "SC1清洗"),
    ("boe", "power_chip", 0.001, "湿法刻蚀"),
    ("eipa", "power_chip", 0.0015, "干燥"),
    ("nf3", "power_chip", 0.0002, "CVD腔体清洗"),
    ("argon", "power_chip", 0.003, "溅射与保护气"),
    # dye intermediates and dyes
    ("nitrobenzene", "m_dinitrobenzene", 0.75, "混酸二硝化"),
    ("nitric_acid", "m_dinitrobenzene", 0.4, "混酸二硝化"),
    ("sulfuric_acid", "m_dinitrobenzene", 0.3, "混酸"),
    ("m_dinitrobenzene", "m_phenylenediamine", 1.6, "催化加氢还原"),
    ("hydrogen", "m_phenylenediamine", 0.12, "催化加氢还原"),
    ("pd_catalyst", "m_phenylenediamine", 0.00003, "钯/炭催化剂"),
    ("chlorobenzene", "p_nitrochlorobenzene", 0.72, "混酸硝化，邻/对位分离"),
    ("nitric_acid", "p_nitrochlorobenzene", 0.42, "混酸硝化"),
    ("sulfuric_acid", "p_nitrochlorobenzene", 0.1, "混酸"),
    ("p_nitrochlorobenzene", "p_nitroaniline", 1.16, "高压氨解"),
    ("ammonia", "p_nitroaniline", 0.3, "高压氨解"),
    ("chlorobenzene", "dncb", 0.58, "混酸二硝化"),
    ("nitric_acid", "dncb", 0.65, "混酸二硝化"),
    ("sulfuric_acid", "dncb", 0.2, "混酸"),
    ("dncb", "dinitroaniline", 1.12, "氨解"),
    ("ammonia", "dinitroaniline", 0.2, "氨解"),
    ("naphthalene", "h_acid", 0.6, "三磺化、硝化、还原、碱熔"),
    ("sulfuric_acid", "h_acid", 3.0, "磺化（发烟硫酸）与酸析"),
    ("nitric_acid", "h_acid", 0.25, "硝化"),
    ("caustic_soda", "h_acid", 1.2, "碱熔"),
    ("aniline", "para_ester", 0.35, "乙酰化、氯磺化、还原、缩合"),
    ("ethylene_oxide", "para_ester", 0.17, "亚磺酸钠与环氧乙烷缩合"),
    ("sulfuric_acid", "para_ester", 0.8, "酯化"),
    ("chlorine", "cyanuric_chloride", 1.25, "氢氰酸氯化制氯化氰，再三聚"),
    ("p_nitroaniline", "disperse_dye", 0.12, "重氮组分，重氮化偶合"),
    ("dinitroaniline", "disperse_dye", 0.12, "重氮组分（经溴化），重氮化偶合"),
    ("m_phenylenediamine", "disperse_dye", 0.08, "偶合组分原料"),
    ("dispersant_nno", "disperse_dye", 0.5, "砂磨商品化"),
    ("h_acid", "reactive_dye", 0.25, "偶合组分"),
    ("para_ester", "reactive_dye", 0.3, "乙烯砜型活性基"),
    ("cyanuric_chloride", "reactive_dye", 0.1, "均三嗪型活性基"),
    ("dncb", "sulfur_black", 0.35, "水解为2,4-二硝基苯酚后硫化"),
    ("sodium_sulfide", "sulfur_black", 0.6, "制多硫化钠"),
    ("caustic_soda", "sulfur_black", 0.15, "水解"),
    ("naphthalene", "dispersant_nno", 0.5, "磺化后与甲醛缩合"),
    ("sulfuric_acid", "dispersant_nno", 0.6, "磺化"),
]

# Products on current supply relationships: exactly 56.
SUPPLIED = [
    # polymer
    "naphtha", "ethylene", "propylene", "benzene", "p_xylene", "pta", "meg", "ethylene_oxide",
    "propylene_oxide", "pet_chip", "pdcb", "sodium_sulfide", "nmp", "pps", "ppg", "mdi",
    "ptmeg", "aeo", "pu_coating",
    # fluorine
    "sulfur", "sulfuric_acid", "ahf", "chlorine", "caustic_soda", "dichloromethane",
    "chloroform", "hcfc22", "hfp", "vdc", "vdf", "ptfe", "pvdf", "eptfe_membrane",
    "ammonium_bifluoride",
    # electronic
    "h2o2", "ehf", "esa", "eh2o2", "nitric_acid", "ammonia", "argon", "crystal_furnace",
    "graphite_hotzone", "wafer",
    # dyes and textiles
    "aniline", "p_nitroaniline", "h_acid", "para_ester", "disperse_dye", "reactive_dye",
    "textile_aux", "poy", "dty", "grey_fabric", "dyed_fabric", "naphthalene",
]

# ---------------------------------------------------------------------------------------------
# Firms.  All fictional.  Fields:
#   key, core (字号), pinyin, park, business word, chain, stage, scale, listed, founded,
#   tags, {product: capacity per year}, needs excluded from the route-derived list,
#   collaborating (has supply/cooperation edges in the map), name prefix
# Tags: G 高新技术企业, Z 浙江省专精特新中小企业, X 国家级专精特新小巨人企业,
#       D 制造业单项冠军企业, L 链主企业, R 省级企业研究院, F 绿色工厂, K 科技型中小企业
# ---------------------------------------------------------------------------------------------
TAGS = {
    "G": "高新技术企业", "Z": "浙江省专精特新中小企业", "X": "国家级专精特新小巨人企业",
    "D": "制造业单项冠军企业", "L": "链主企业", "R": "省级企业研究院", "F": "绿色工厂",
    "K": "科技型中小企业",
}

Y, N = True, False

FIRMS = [
    # ===== 上虞: fluorine ====================================================================
    ("S01", "澜晟", "lansheng", "SY1", "氟化工", "fluorine", "中游", "大型", Y, 1998, "GDLRF",
     {"sulfuric_acid": 300000, "ahf": 80000, "hcfc22": 60000, "tfe": 26000, "ptfe": 18000,
      "hfp": 6000, "fep": 3000}, (), Y, "浙江"),
    ("S02", "沐川", "muchuan", "SY1", "氟化学", "fluorine", "上游", "中型", N, 2004, "GZ",
     {"ahf": 40000, "ammonium_bifluoride": 10000}, (), Y, "浙江"),
    ("S03", "岱禾", "daihe", "SY1", "化工", "fluorine", "上游", "中型", N, 2007, "G",
     {"ahf": 25000}, (), N, "绍兴"),
    ("S04", "珩屿", "hengyu", "SY1", "化工", "fluorine", "上游", "中型", N, 2002, "GF",
     {"dichloromethane": 80000, "chloroform": 100000}, (), Y, "浙江"),
    ("S05", "璟曜", "jingyao", "SY1", "新材料", "fluorine", "中游", "大型", N, 2005, "GR",
     {"hcfc22": 50000, "hfc32": 40000}, (), Y, "浙江"),
    ("S06", "翊辰", "yichen", "SY1", "新材料", "fluorine", "中游", "中型", N, 2011, "GZ",
     {"tfe": 12000, "ptfe": 10000}, (), Y, "绍兴"),
    ("S07", "骐泰", "qitai", "SY1", "氟塑料", "fluorine", "中游", "小型", N, 2013, "K",
     {"tfe": 3500, "ptfe": 3000}, (), N, "绍兴上虞"),
    ("S08", "煜坤", "yukun", "SY1", "氟材料", "fluorine", "中游", "中型", N, 2009, "GZ",
     {"tfe": 12000, "hfp": 10000}, (), Y, "浙江"),
    ("S09", "钧澄", "juncheng", "SY1", "氟塑料", "fluorine", "中游", "小型", N, 2016, "GZ",
     {"tfe": 3000, "fep": 3000}, (), Y, "绍兴"),
    ("S10", "泓屹", "hongyi", "SY1", "化工", "fluorine", "中游", "中型", N, 2010, "G",
     {"hcfc142b": 30000, "vdf": 15000}, (), Y, "浙江"),
    ("S11", "崇岳", "chongyue", "SY1", "新材料", "fluorine", "中游", "大型", Y, 2003, "GDRF",
     {"hcfc142b": 28000, "vdf": 16000, "pvdf": 15000}, (), Y, "浙江"),
    ("S12", "铂锐", "borui", "SY1", "高分子材料", "fluorine", "中游", "中型", N, 2014, "GX",
     {"pvdf": 8000}, (), Y, "绍兴"),
    ("S13", "芮禾", "ruihe", "SY1", "氟橡胶", "fluorine", "中游", "小型", N, 2017, "GZ",
     {"fkm": 3000}, (), N, "浙江"),
    ("S14", "蔚洋", "weiyang", "SY1", "制冷材料", "fluorine", "下游", "中型", N, 2008, "G",
     {"hfc32": 30000}, (), N, "浙江"),
    ("S15", "昶丰", "changfeng", "SY2", "膜科技", "fluorine", "下游", "中型", N, 2012, "GX",
     {"eptfe_membrane": 12000000}, (), Y, "浙江"),
    ("S16", "熠川", "yichuan", "SY2", "新材料", "fluorine", "下游", "小型", N, 2019, "K",
     {"eptfe_membrane": 2000000}, (), N, "绍兴"),
    ("S17", "沣源", "fengyuan", "SY2", "膜技术", "fluorine", "下游", "小型", N, 2015, "GZ",
     {"pvdf_membrane": 20000}, (), Y, "浙江"),
    ("S18", "淳锦", "chunjin", "SY1", "化工", "fluorine", "中游", "小型", N, 2006, "K",
     {"ammonium_bifluoride": 8000, "ammonium_fluoride": 6000}, (), Y, "绍兴"),
    ("S19", "澄泓", "chenghong", "SY1", "电子气体", "electronic", "中游", "中型", N, 2018, "GX",
     {"nf3": 2000}, (), Y, "浙江"),
    ("S20", "峤晖", "qiaohui", "SY1", "精细化工", "fluorine", "下游", "小型", N, 2005, "GZ",
     {"fluorobenzene": 3000}, (), N, "绍兴"),
    ("S21", "嵘泰", "rongtai", "SY1", "化工", "fluorine", "上游", "中型", N, 1996, "F",
     {"sulfuric_acid": 300000}, (), Y, "绍兴上虞"),
    ("S22", "琦瑞", "qirui", "SY1", "氯碱", "fluorine", "上游", "大型", N, 1993, "F",
     {"caustic_soda": 340000, "chlorine": 300000, "hydrochloric_acid": 150000,
      "hydrogen": 8500}, (), Y, "绍兴"),
    ("S23", "璞森", "pusen", "SY1", "氟化工", "fluorine", "中游", "小型", N, 2008, "",
     {"hcfc22": 15000}, (), N, "绍兴"),
    # ===== 上虞: electronic chemicals and semiconductor materials ============================
    ("S24", "瑜邦", "yubang", "SY1", "电子材料", "electronic", "中游", "中型", N, 2010, "GXR",
     {"ehf": 30000, "ammonium_fluoride": 5000, "boe": 8000}, (), Y, "浙江"),
    ("S25", "琛越", "chenyue", "SY1", "电子化学品", "electronic", "中游", "小型", N, 2019,
     "GZ", {"ehf": 10000}, (), N, "绍兴"),
    ("S26", "铖昊", "chenghao", "SY1", "微电子材料", "electronic", "中游", "中型", N, 2012,
     "GXR", {"esa": 60000, "eh2o2": 40000}, (), Y, "浙江"),
    ("S27", "钰禾", "yuhe", "SY1", "化工", "electronic", "上游", "中型", N, 2006, "G",
     {"h2o2": 150000}, (), Y, "绍兴上虞"),
    ("S28", "赫川", "hechuan", "SY1", "电子化学品", "electronic", "中游", "小型", N, 2017,
     "GZ", {"enitric": 10000, "eammonia": 15000}, (), Y, "浙江"),
    ("S29", "洵美", "xunmei", "SY1", "电子材料", "electronic", "中游", "小型", N, 2020, "K",
     {"eipa": 10000}, (), N, "绍兴"),
    ("S30", "湛蓝", "zhanlan", "SY1", "半导体材料", "electronic", "中游", "小型", N, 2021, "K",
     {"boe": 5000}, (), N, "浙江"),
    ("S31", "鸿翎", "hongling", "SY2", "智能装备", "electronic", "上游", "大型", Y, 2006,
     "GDLR", {"crystal_furnace": 2000}, (), Y, "浙江"),
    ("S32", "翎川", "lingchuan", "SY2", "晶体设备", "electronic", "上游", "中型", N, 2015,
     "GZ", {"crystal_furnace": 600}, (), N, "绍兴"),
    ("S33", "曦澄", "xicheng", "SY2", "碳材料", "electronic", "上游", "中型", N, 2013, "GX",
     {"graphite_hotzone": 20000}, (), Y, "浙江"),
    ("S34", "昕桐", "xintong", "SY2", "硅材料", "electronic", "中游", "大型", N, 2018, "GR",
     {"mono_ingot": 20000, "wafer": 800000000}, (), Y, "浙江"),
    ("S35", "朗峤", "langqiao", "SY2", "半导体材料", "electronic", "中游", "中型", N, 2019, "G",
     {"mono_ingot": 8000}, (), Y, "绍兴"),
    ("S36", "拓岳", "tuoyue", "SY2", "光电科技", "electronic", "中游", "中型", N, 2020, "G",
     {"wafer": 300000000}, (), N, "浙江"),
    ("S37", "启曜", "qiyao", "SY2", "新能源科技", "electronic", "下游", "中型", N, 2021, "G",
     {"solar_cell": 400000000}, (), Y, "浙江"),
    ("S38", "睿岑", "ruicen", "SY1", "微电子材料", "electronic", "中游", "小型", N, 2022, "K",
     {"eh2o2": 15000, "eammonia": 5000}, (), N, "绍兴"),
    # ===== 上虞: polymer =======================================================================
    ("S39", "栎森", "lisen", "SY1", "新材料", "polymer", "中游", "大型", Y, 2007, "GDLR",
     {"pps": 20000}, (), Y, "浙江"),
    ("S40", "榕峤", "rongqiao", "SY1", "高分子材料", "polymer", "中游", "中型", N, 2014, "GX",
     {"pps": 6000}, (), Y, "绍兴"),
    ("S41", "枫屿", "fengyu", "SY1", "化工", "polymer", "上游", "中型", N, 2001, "G",
     {"chlorobenzene": 80000, "pdcb": 40000}, (), Y, "浙江"),
    ("S42", "楠禾", "nanhe", "SY1", "化工", "polymer", "上游", "小型", N, 2003, "",
     {"sodium_sulfide": 30000}, (), Y, "绍兴"),
    ("S43", "桦岳", "huayue", "SY1", "化学", "polymer", "上游", "中型", N, 2009, "GZ",
     {"gbl": 20000, "nmp": 15000}, (), Y, "浙江"),
    ("S44", "樾川", "yuechuan", "SY2", "工程塑料", "polymer", "下游", "中型", N, 2012, "GZ",
     {"pps_compound": 10000}, (), Y, "浙江"),
    ("S45", "槿泓", "jinhong", "SY2", "新材料", "polymer", "下游", "小型", N, 2020, "K",
     {"pps_compound": 2000}, (), N, "绍兴上虞"),
    ("S46", "柘源", "zheyuan", "SY2", "特种纤维", "polymer", "下游", "中型", N, 2011, "GX",
     {"pps_fiber": 8000}, (), Y, "浙江"),
    ("S47", "杉澄", "shancheng", "SY2", "滤材科技", "polymer", "下游", "小型", N, 2016, "GZ",
     {"pps_filter_felt": 3000000}, (), Y, "浙江"),
    ("S48", "棠晖", "tanghui", "SY1", "化学", "polymer", "中游", "中型", N, 2004, "G",
     {"ppg": 100000}, (), Y, "浙江"),
    ("S49", "梧澜", "wulan", "SY1", "科技", "polymer", "中游", "大型", Y, 2002, "GDRF",
     {"eo_po_polyether": 80000, "aeo": 60000, "ppg": 30000}, (), Y, "浙江"),
    ("S50", "栩辰", "xuchen", "SY1", "化学", "polymer", "中游", "中型", N, 2010, "GZ",
     {"aeo": 30000, "eo_po_polyether": 10000}, (), Y, "绍兴"),
    ("S51", "沛霖", "peilin", "SY1", "聚氨酯材料", "polymer", "下游", "中型", N, 2008, "GZ",
     {"pu_coating": 20000}, (), Y, "浙江"),
    ("S52", "溥瀚", "puhan", "SY1", "新材料", "polymer", "中游", "小型", N, 2017, "K",
     {"ppg": 20000}, (), N, "绍兴"),
    # ===== 上虞: dyes, intermediates, auxiliaries ============================================
    ("S53", "涵曜", "hanyao", "SY1", "化工", "dye_textile", "上游", "中型", N, 2000, "GF",
     {"nitrobenzene": 60000, "aniline": 45000}, (), Y, "浙江"),
    ("S54", "淇峰", "qifeng", "SY1", "化工", "dye_textile", "上游", "中型", N, 2003, "G",
     {"m_dinitrobenzene": 20000, "m_phenylenediamine": 12000}, (), Y, "浙江"),
    ("S55", "滢禾", "yinghe", "SY1", "化工", "dye_textile", "上游", "中型", N, 2001, "G",
     {"p_nitrochlorobenzene": 30000, "dncb": 15000}, (), Y, "绍兴"),
    ("S56", "漪澄", "yicheng", "SY1", "化工", "dye_textile", "上游", "小型", N, 2006, "Z",
     {"p_nitroaniline": 10000}, (), Y, "绍兴上虞"),
    ("S57", "澈源", "cheyuan", "SY1", "精细化工", "dye_textile", "上游", "小型", N, 2012, "K",
     {"dinitroaniline": 6000}, (), N, "浙江"),
    ("S58", "灏川", "haochuan", "SY1", "化工", "dye_textile", "上游", "中型", N, 1999, "GF",
     {"h_acid": 20000}, (), Y, "浙江"),
    ("S59", "炜岚", "weilan", "SY1", "化学", "dye_textile", "上游", "小型", N, 2005, "",
     {"h_acid": 6000}, (), N, "绍兴"),
    ("S60", "焓晟", "hansheng", "SY1", "化工", "dye_textile", "上游", "中型", N, 2004, "GZ",
     {"para_ester": 20000}, (), Y, "浙江"),
    ("S61", "烨邦", "yebang", "SY1", "化工", "dye_textile", "上游", "中型", N, 2002, "G",
     {"cyanuric_chloride": 30000}, (), Y, "绍兴"),
    ("S62", "熙垣", "xiyuan", "SY1", "染料", "dye_textile", "中游", "大型", Y, 1997, "GDLRF",
     {"disperse_dye": 60000, "dispersant_nno": 30000}, (), Y, "浙江"),
    ("S63", "燊禾", "shenhe", "SY1", "染料", "dye_textile", "中游", "中型", N, 2006, "GZ",
     {"disperse_dye": 20000}, (), Y, "浙江"),
    ("S64", "晗峤", "hanqiao", "SY1", "染化", "dye_textile", "中游", "小型", N, 2011, "K",
     {"disperse_dye": 5000}, (), N, "绍兴"),
    ("S65", "暄泰", "xuantai", "SY1", "颜料化工", "dye_textile", "中游", "小型", N, 2009, "",
     {"disperse_dye": 3000}, (), N, "绍兴上虞"),
    ("S66", "晞岳", "xiyue", "SY1", "染料化工", "dye_textile", "中游", "大型", N, 2001, "GR",
     {"reactive_dye": 40000}, (), Y, "浙江"),
    ("S67", "昱澜", "yulan", "SY1", "化工", "dye_textile", "中游", "中型", N, 2008, "GZ",
     {"reactive_dye": 15000}, (), Y, "绍兴"),
    ("S68", "旻川", "minchuan", "SY1", "染料", "dye_textile", "中游", "小型", N, 2013, "",
     {"reactive_dye": 4000}, (), N, "绍兴"),
    ("S69", "曜森", "yaosen", "SY1", "染料", "dye_textile", "中游", "中型", N, 1995, "G",
     {"sulfur_black": 30000}, (), Y, "浙江"),
    ("S70", "皓屿", "haoyu", "SY1", "助剂", "dye_textile", "中游", "小型", N, 2010, "K",
     {"dispersant_nno": 15000}, (), Y, "绍兴"),
    ("S71", "瞻岳", "zhanyue", "SY1", "纺织助剂", "dye_textile", "中游", "中型", N, 2007, "GZ",
     {"textile_aux": 40000}, (), Y, "浙江"),
    ("S72", "砺锋", "lifeng", "SY1", "化工助剂", "dye_textile", "中游", "小型", N, 2014, "K",
     {"textile_aux": 8000}, (), N, "绍兴"),
    ("S73", "磐川", "panchuan", "SY1", "精细化工", "dye_textile", "中游", "小型", N, 2018, "",
     {"textile_aux": 5000}, (), N, "绍兴上虞"),
    ("S74", "砚澄", "yancheng", "SY1", "化工", "dye_textile", "上游", "小型", N, 2007, "",
     {"m_dinitrobenzene": 6000, "m_phenylenediamine": 3500}, (), N, "绍兴"),
    ("S75", "琮晟", "congsheng", "SY1", "氟精细化工", "fluorine", "下游", "小型", N, 2016, "K",
     {"fluorobenzene": 1500}, (), N, "绍兴"),
    ("S76", "玥禾", "yuehe", "SY2", "碳材料", "electronic", "上游", "小型", N, 2020, "K",
     {"graphite_hotzone": 5000}, (), N, "绍兴"),
    ("S77", "瑾泰", "jintai", "SY2", "膜材料", "fluorine", "下游", "微型", N, 2022, "",
     {"eptfe_membrane": 800000}, (), N, "绍兴上虞"),
    ("S78", "璐源", "luyuan", "SY1", "化学", "polymer", "上游", "小型", N, 2012, "",
     {"gbl": 9000, "nmp": 8000}, (), N, "绍兴"),
    ("S79", "瑶峰", "yaofeng", "SY1", "化工", "polymer", "上游", "微型", N, 2009, "",
     {"sodium_sulfide": 12000}, (), N, "绍兴上虞"),
    # ===== 宁波: petrochemical feedstocks and more ============================================
    ("N01", "海岬", "haijia", "ZH", "石化", "polymer", "上游", "大型", Y, 1995, "GLF",
     {"naphtha": 3200000, "sulfur": 260000, "benzene": 350000, "propylene": 450000},
     (), Y, "宁波"),
    ("N02", "港弘", "ganghong", "DX", "炼化", "polymer", "上游", "大型", N, 2004, "F",
     {"naphtha": 1200000, "sulfur": 90000, "propylene": 200000}, (), Y, "宁波"),
    ("N03", "潮晟", "chaosheng", "ZH", "石化", "polymer", "上游", "大型", N, 2008, "GLF",
     {"ethylene": 1200000, "propylene": 600000, "benzene": 250000, "naphthalene": 40000},
     (), Y, "宁波"),
    ("N04", "舟澜", "zhoulan", "ZH", "芳烃", "polymer", "上游", "大型", N, 2010, "GF",
     {"p_xylene": 1600000, "benzene": 400000}, (), Y, "宁波"),
    ("N05", "瀛泰", "yingtai", "BL", "石化", "polymer", "上游", "大型", N, 2005, "F",
     {"pta": 2500000}, (), Y, "宁波"),
    ("N06", "溟川", "mingchuan", "DX", "石化", "polymer", "上游", "大型", N, 2009, "",
     {"pta": 1500000}, (), Y, "宁波"),
    ("N07", "渤澄", "bocheng", "ZH", "化工", "polymer", "上游", "大型", N, 2011, "G",
     {"ethylene_oxide": 700000, "meg": 600000}, (), Y, "宁波"),
    ("N08", "浦岚", "pulan", "ZH", "化学", "polymer", "上游", "中型", N, 2013, "",
     {"ethylene_oxide": 150000, "meg": 180000}, (), N, "宁波"),
    ("N09", "汐禾", "xihe", "ZH", "化工", "polymer", "上游", "大型", N, 2016, "GR",
     {"propylene_oxide": 300000, "propylene_glycol": 60000, "h2o2": 700000}, (), Y, "宁波"),
    ("N10", "泊晖", "bohui", "ZH", "化工", "polymer", "上游", "中型", N, 2007, "",
     {"acetic_acid": 600000}, (), Y, "宁波"),
    ("N11", "岬泓", "jiahong", "ZH", "氯碱化工", "fluorine", "上游", "中型", N, 1992, "F",
     {"caustic_soda": 350000, "chlorine": 300000, "hydrochloric_acid": 150000,
      "hydrogen": 8000}, (), Y, "宁波"),
    ("N12", "涛邦", "taobang", "BL", "化学", "fluorine", "上游", "中型", N, 2002, "G",
     {"caustic_soda": 200000, "chlorine": 175000, "hydrogen": 5000, "vdc": 30000},
     (), Y, "宁波"),
    ("N13", "帆晟", "fansheng", "ZH", "化工", "fluorine", "上游", "中型", N, 2003, "",
     {"sulfuric_acid": 400000}, (), Y, "宁波"),
    ("N14", "锚澄", "maocheng", "ZH", "化工", "dye_textile", "上游", "中型", N, 1990, "F",
     {"ammonia": 300000, "nitric_acid": 150000}, (), Y, "宁波"),
    ("N15", "舸源", "geyuan", "ZH", "聚氨酯", "polymer", "上游", "大型", Y, 2005, "GDLR",
     {"mdi": 800000, "aniline": 650000, "nitrobenzene": 850000}, (), Y, "浙江"),
    ("N16", "瀚岬", "hanjia", "ZH", "化工", "electronic", "上游", "中型", N, 2012, "",
     {"isopropanol": 100000}, (), N, "宁波"),
    ("N17", "澥禾", "xiehe", "ZH", "气体", "electronic", "上游", "中型", N, 2006, "G",
     {"argon": 40000, "hydrogen": 6000}, (), Y, "宁波"),
    ("N18", "溱泰", "zhentai", "BL", "工业气体", "electronic", "上游", "小型", N, 2014, "",
     {"argon": 8000}, (), N, "宁波"),
    ("N19", "滨峤", "binqiao", "BL", "聚酯", "polymer", "中游", "大型", N, 2009, "G",
     {"pet_chip": 600000}, (), Y, "宁波"),
    ("N20", "礁晖", "jiaohui", "BL", "新材料", "polymer", "中游", "中型", N, 2015, "",
     {"pet_chip": 250000}, (), N, "宁波"),
    ("N21", "屿峰", "yufeng", "DX", "新材料", "polymer", "中游", "中型", N, 2017, "GZ",
     {"thf": 62000, "ptmeg": 46000}, (), Y, "宁波"),
    ("N22", "澹川", "danchuan", "ZH", "化学", "polymer", "中游", "中型", N, 2010, "G",
     {"ppg": 150000}, (), N, "宁波"),
    ("N23", "珀岚", "polan", "BL", "工程塑料", "polymer", "下游", "小型", N, 2013, "GZ",
     {"pps_compound": 6000}, (), Y, "宁波"),
    ("N24", "钜峤", "juqiao", "BL", "高分子材料", "polymer", "下游", "小型", N, 2018, "K",
     {"pps_compound": 3000}, (), N, "宁波"),
    ("N25", "镓川", "jiachuan", "BL", "半导体", "electronic", "下游", "中型", N, 2017, "GXR",
     {"power_chip": 240000}, (), Y, "宁波"),
    ("N26", "晶铎", "jingduo", "BL", "光伏科技", "electronic", "下游", "中型", N, 2019, "G",
     {"solar_cell": 270000000}, (), N, "宁波"),
    ("N27", "汀岚", "tinglan", "ZH", "化工", "electronic", "上游", "中型", N, 2004, "",
     {"h2o2": 200000}, (), Y, "宁波"),
    ("N28", "淙源", "congyuan", "ZH", "化工", "polymer", "上游", "中型", N, 2006, "",
     {"chlorobenzene": 60000, "pdcb": 30000}, (), N, "宁波"),
    ("N29", "泷泰", "longtai", "ZH", "化工", "polymer", "上游", "中型", N, 2008, "",
     {"methylamine": 50000}, (), N, "宁波"),
    ("N30", "浔邦", "xunbang", "BL", "化学品", "polymer", "中游", "小型", N, 2012, "K",
     {"eo_po_polyether": 20000, "aeo": 30000}, (), N, "宁波"),
    # ===== 柯桥: fibres, weaving, dyeing, garments ===========================================
    ("K01", "璋邦", "zhangbang", "KQ1", "化纤", "dye_textile", "上游", "大型", Y, 2001, "GLRF",
     {"pet_chip": 520000, "poy": 300000, "fdy": 180000}, (), Y, "浙江"),
    ("K02", "珈澄", "jiacheng", "KQ1", "化纤", "dye_textile", "上游", "大型", N, 2006, "GF",
     {"pet_chip": 320000, "poy": 200000, "fdy": 90000}, (), Y, "绍兴柯桥"),
    ("K03", "绮罗", "qiluo", "KQ1", "化纤", "dye_textile", "上游", "中型", N, 2010, "G",
     {"poy": 60000, "fdy": 30000}, (), Y, "绍兴"),
    ("K04", "绫屿", "lingyu", "KQ1", "化纤", "dye_textile", "上游", "中型", N, 2008, "",
     {"dty": 60000}, (), Y, "绍兴"),
    ("K05", "纨素", "wansu", "KQ1", "纺织", "dye_textile", "上游", "小型", N, 2012, "",
     {"dty": 15000}, (), N, "绍兴柯桥"),
    ("K06", "缇秀", "tixiu", "KQ1", "纺织", "dye_textile", "上游", "小型", N, 2014, "",
     {"dty": 10000}, (), N, "绍兴柯桥"),
    ("K07", "绡云", "xiaoyun", "KQ1", "化纤", "dye_textile", "上游", "小型", N, 2016, "",
     {"dty": 8000}, (), N, "绍兴"),
    ("K08", "纬嘉", "weijia", "KQ1", "氨纶", "dye_textile", "上游", "中型", N, 2011, "GZ",
     {"spandex": 30000}, (), Y, "浙江"),
    ("K09", "经纶", "jinglun", "KQ1", "纺织", "dye_textile", "中游", "中型", N, 2003, "G",
     {"grey_fabric": 5000}, (), Y, "绍兴"),
    ("K10", "锦翌", "jinyi", "KQ1", "纺织品", "dye_textile", "中游", "中型", N, 2009, "",
     {"grey_fabric": 4000}, (), Y, "绍兴柯桥"),
    ("K11", "织梦", "zhimeng", "KQ1", "纺织", "dye_textile", "中游", "小型", N, 2015, "",
     {"grey_fabric": 1500}, (), Y, "绍兴柯桥"),
    ("K12", "云裳", "yunchang", "KQ1", "纺织", "dye_textile", "中游", "小型", N, 2012, "",
     {"grey_fabric": 1200}, (), N, "绍兴柯桥"),
    ("K13", "霓裳", "nichang", "KQ1", "织造", "dye_textile", "中游", "小型", N, 2017, "",
     {"grey_fabric": 1000}, (), N, "绍兴"),
    ("K14", "素绫", "suling", "KQ1", "纺织", "dye_textile", "中游", "小型", N, 2019, "",
     {"grey_fabric": 800}, (), N, "绍兴"),
    ("K15", "绶邦", "shoubang", "KQ1", "纺织", "dye_textile", "中游", "微型", N, 2021, "",
     {"grey_fabric": 300}, (), N, "绍兴柯桥"),
    ("K16", "缃禾", "xianghe", "KQ1", "纺织", "dye_textile", "中游", "小型", N, 2011, "",
     {"grey_fabric": 1200}, (), N, "绍兴柯桥"),
    ("K17", "绯岚", "feilan", "KQ1", "织造", "dye_textile", "中游", "小型", N, 2016, "",
     {"grey_fabric": 900}, (), N, "绍兴柯桥"),
    ("K18", "缦川", "manchuan", "KQ1", "纺织", "dye_textile", "中游", "中型", N, 2005, "G",
     {"grey_fabric": 3000}, (), Y, "绍兴"),
    ("K19", "纱屿", "shayu", "KQ1", "纺织", "dye_textile", "中游", "微型", N, 2022, "",
     {"grey_fabric": 400}, (), N, "绍兴柯桥"),
    ("K20", "帛源", "boyuan", "KQ1", "纺织", "dye_textile", "中游", "小型", N, 2013, "",
     {"grey_fabric": 1000}, (), N, "绍兴柯桥"),
    ("K21", "染青", "ranqing", "KQ2", "印染", "dye_textile", "下游", "大型", N, 2002, "GLF",
     {"dyed_fabric": 20000}, ("sulfur_black",), Y, "绍兴柯桥"),
    ("K22", "青黛", "qingdai", "KQ2", "印染", "dye_textile", "下游", "大型", N, 2004, "GF",
     {"dyed_fabric": 15000}, ("sulfur_black",), Y, "浙江"),
    ("K23", "黛蓝", "dailan", "KQ2", "印染", "dye_textile", "下游", "中型", N, 2007, "G",
     {"dyed_fabric": 8000}, ("sulfur_black",), Y, "绍兴"),
    ("K24", "靛澜", "dianlan", "KQ2", "印染", "dye_textile", "下游", "中型", N, 2010, "F",
     {"dyed_fabric": 6000}, ("sulfur_black", "reactive_dye"), Y, "绍兴柯桥"),
    ("K25", "茜红", "qianhong", "KQ2", "印染", "dye_textile", "下游", "中型", N, 2008, "",
     {"dyed_fabric": 5000}, (), Y, "绍兴"),
    ("K26", "绛云", "jiangyun", "KQ2", "印染", "dye_textile", "下游", "中型", N, 2012, "",
     {"dyed_fabric": 5000}, ("sulfur_black",), N, "绍兴柯桥"),
    ("K27", "绵澄", "miancheng", "KQ2", "印染", "dye_textile", "下游", "小型", N, 2014, "",
     {"dyed_fabric": 2500}, ("sulfur_black", "h2o2"), Y, "绍兴"),
    ("K28", "纤晟", "xiansheng", "KQ2", "印染", "dye_textile", "下游", "小型", N, 2011, "",
     {"dyed_fabric": 2000}, ("sulfur_black", "reactive_dye", "h2o2"), N, "绍兴柯桥"),
    ("K29", "绸泰", "choutai", "KQ2", "印染", "dye_textile", "下游", "小型", N, 2009, "",
     {"dyed_fabric": 2000}, ("sulfur_black",), N, "绍兴"),
    ("K30", "缎森", "duansen", "KQ2", "印染", "dye_textile", "下游", "小型", N, 2016, "",
     {"dyed_fabric": 1500}, ("sulfur_black", "reactive_dye", "h2o2"), N, "绍兴柯桥"),
    ("K31", "綦禾", "qihe", "KQ2", "印染", "dye_textile", "下游", "小型", N, 2013, "",
     {"dyed_fabric": 1500}, ("sulfur_black",), N, "绍兴柯桥"),
    ("K32", "绚峰", "xuanfeng", "KQ2", "印染", "dye_textile", "下游", "小型", N, 2018, "",
     {"dyed_fabric": 1200}, ("sulfur_black", "reactive_dye"), N, "绍兴"),
    ("K33", "彩缬", "caixie", "KQ2", "印染", "dye_textile", "下游", "中型", N, 2006, "G",
     {"dyed_fabric": 4000}, ("sulfur_black",), N, "绍兴柯桥"),
    ("K34", "衿越", "jinyue", "KQ1", "功能面料", "dye_textile", "下游", "中型", N, 2012, "GZ",
     {"laminated_fabric": 800}, (), Y, "绍兴"),
    ("K35", "裳岳", "changyue", "KQ1", "复合材料", "dye_textile", "下游", "小型", N, 2017, "GZ",
     {"laminated_fabric": 300}, (), Y, "绍兴柯桥"),
    ("K36", "袂川", "meichuan", "KQ1", "纺织科技", "dye_textile", "下游", "小型", N, 2020, "K",
     {"laminated_fabric": 200}, (), N, "绍兴柯桥"),
    ("K37", "霁川", "jichuan", "KQ1", "服饰", "dye_textile", "下游", "中型", N, 2008, "G",
     {"garment": 800000}, (), Y, "绍兴"),
    ("K38", "芷衣", "zhiyi", "KQ1", "服饰", "dye_textile", "下游", "小型", N, 2015, "",
     {"garment": 300000}, (), N, "绍兴柯桥"),
    ("K39", "苓韵", "lingyun", "KQ1", "服装", "dye_textile", "下游", "小型", N, 2018, "",
     {"garment": 200000}, ("laminated_fabric",), N, "绍兴柯桥"),
    ("K40", "蘅芜", "hengwu", "KQ1", "服饰", "dye_textile", "下游", "微型", N, 2021, "",
     {"garment": 60000}, ("laminated_fabric",), N, "绍兴柯桥"),
    ("K41", "澍禾", "shuhe", "KQ2", "助剂", "dye_textile", "中游", "中型", N, 2007, "GZ",
     {"textile_aux": 15000}, (), Y, "绍兴柯桥"),
    ("K42", "渟川", "tingchuan", "KQ2", "助剂", "dye_textile", "中游", "小型", N, 2015, "",
     {"textile_aux": 5000}, (), N, "绍兴柯桥"),
    ("K43", "泠峰", "lingfeng", "KQ1", "涂层材料", "polymer", "下游", "小型", N, 2013, "K",
     {"pu_coating": 8000}, (), N, "绍兴"),
    ("K44", "缙垣", "jinyuan", "KQ2", "数码印花", "dye_textile", "下游", "小型", N, 2019, "K",
     {"dyed_fabric": 800}, ("sulfur_black", "reactive_dye", "h2o2", "caustic_soda"), N,
     "绍兴柯桥"),
    ("K45", "翠岑", "cuicen", "KQ1", "化纤", "dye_textile", "上游", "中型", N, 2012, "",
     {"poy": 40000, "fdy": 20000}, (), N, "绍兴"),
    ("K46", "纶屿", "lunyu", "KQ1", "纺织", "dye_textile", "中游", "中型", N, 2007, "",
     {"grey_fabric": 3500}, (), N, "绍兴柯桥"),
]

# Former names (aliases) of a few older firms.
FORMER_NAMES = {
    "S01": "上虞市澜晟化工厂", "S21": "上虞县嵘泰化肥厂", "S22": "上虞市琦瑞电化厂",
    "S62": "上虞市熙垣染料化工厂", "S69": "上虞曜森染化厂", "N11": "镇海岬泓电化厂",
    "N14": "镇海锚澄化肥厂", "K09": "绍兴县经纶织造厂", "K21": "绍兴县染青印染厂",
}

SHORT_BIZ = {
    "氟化工": "氟化", "氟化学": "氟化", "化工": "化工", "新材料": "新材", "氟塑料": "氟塑",
    "氟材料": "氟材", "高分子材料": "高分子", "氟橡胶": "氟胶", "制冷材料": "制冷",
    "膜科技": "膜科技", "膜技术": "膜技术", "电子气体": "电子气体", "精细化工": "精化",
    "氯碱": "氯碱", "电子材料": "电子", "电子化学品": "电子化学", "微电子材料": "微电子",
    "半导体材料": "半导体", "智能装备": "装备", "晶体设备": "晶体设备", "碳材料": "碳材",
    "硅材料": "硅材", "光电科技": "光电", "新能源科技": "新能源", "化学": "化学",
    "工程塑料": "工塑", "特种纤维": "特纤", "滤材科技": "滤材", "科技": "科技",
    "聚氨酯材料": "聚氨酯", "染料": "染料", "染化": "染化", "颜料化工": "颜料",
    "染料化工": "染化", "助剂": "助剂", "纺织助剂": "助剂", "化工助剂": "助剂",
    "氟精细化工": "氟精化", "膜材料": "膜材", "石化": "石化", "炼化": "炼化", "芳烃": "芳烃",
    "氯碱化工": "氯碱", "聚氨酯": "聚氨酯", "气体": "气体", "工业气体": "气体",
    "聚酯": "聚酯", "半导体": "半导体", "光伏科技": "光伏", "化学品": "化学", "化纤": "化纤",
    "纺织": "纺织", "氨纶": "氨纶", "纺织品": "纺织", "织造": "织造", "印染": "印染",
    "功能面料": "面料", "复合材料": "复材", "纺织科技": "纺织", "服饰": "服饰", "服装": "服装",
    "涂层材料": "涂层", "数码印花": "印花",
}

# Names of real companies that must not appear (a guard, not an exhaustive list).
REAL_NAME_GUARD = [
    "新和成", "龙盛", "闰土", "晶盛", "恒逸", "荣盛", "巨化", "东岳", "华峰", "皇马", "中欣",
    "万华", "三美", "永和", "吉华", "卫星", "逸盛", "镇洋", "金发", "桐昆", "盛虹", "恒力",
    "新凤鸣", "传化", "联化", "京新", "卧龙", "海正", "多氟多", "新宙邦", "三爱富",
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖"
    "田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢钟陆汪金方邵钱俞倪"
)
TITLES = ["经理", "经理", "女士", "先生", "工", "总"]
MAIL_BOXES = ["sales", "info", "purchase", "market"]

COUNT_UNITS = {"片", "台", "套"}

# Hazardous liquefied gases that are not trucked between 上虞, 宁波 and 柯桥 in this map.
LOCAL_ONLY = {"chlorine", "hydrogen", "tfe", "vdf"}

SOURCES = ["2024年链长制供需调研", "企业填报（2024）", "园区供需对接会（2023）",
           "产业链图谱普查（2023）"]


# ---------------------------------------------------------------------------------------------
# Cooperation notes and curated cooperations
# ---------------------------------------------------------------------------------------------
HAND_COOPS = [
    ("S15", "S47", "技术", "PTFE覆膜PPS高温滤料联合研发"),
    ("S46", "S47", "产品", "PPS短纤定向供应、滤料联合推广"),
    ("S24", "S26", "信息", "湿电子化学品客户认证与质量数据共享"),
    ("S31", "S35", "资金", "单晶炉融资租赁（分期付款）"),
    ("S62", "K21", "人才", "染料应用工程师驻厂服务"),
    ("N15", "K08", "技术", "氨纶用MDI纯度与储运稳定性改进"),
    ("S19", "N25", "技术", "NF3国产化验证（8英寸CVD腔体清洗）"),
    ("S11", "S12", "产品", "PVDF锂电粘结剂与膜用牌号分工生产、联合接单"),
    ("S01", "S09", "技术", "FEP线缆料挤出加工性能联合改进"),
    ("K01", "K09", "技术", "再生涤纶FDY在弹力面料中的应用开发"),
    ("S49", "K41", "人才", "表面活性剂应用工程师驻厂培训"),
    ("N01", "N03", "信息", "炼化一体化管廊物料互供与检修计划协同"),
]

TECH_NOTES = {
    "pps": "联合开发耐高温玻纤增强PPS改性料专用树脂",
    "nmp": "PPS聚合NMP溶剂回收精制技术合作",
    "pdcb": "高纯对二氯苯（≥99.9%）质量攻关",
    "hcfc22": "R22裂解制TFE收率提升与副产物综合利用",
    "hfp": "FEP/氟橡胶用高纯六氟丙烯联合开发",
    "vdf": "PVDF聚合级偏氟乙烯杂质控制合作",
    "ptfe": "膜级PTFE分散树脂联合研发",
    "pvdf": "PVDF中空纤维膜专用树脂开发",
    "eptfe_membrane": "ePTFE覆膜防水透湿面料工艺联合开发",
    "ammonium_bifluoride": "NF3电解原料杂质控制联合攻关",
    "ehf": "G5级电子级氢氟酸产线验证",
    "esa": "8英寸产线湿电子化学品国产化验证",
    "graphite_hotzone": "大尺寸单晶热场联合设计",
    "crystal_furnace": "单晶炉工艺参数联合优化（降氧、提速）",
    "wafer": "薄片化N型硅片与TOPCon电池匹配工艺",
    "h_acid": "H酸废水资源化与绿色工艺合作",
    "para_ester": "对位酯连续化生产工艺合作",
    "disperse_dye": "低温快速分散染色工艺联合开发",
    "reactive_dye": "活性染料少盐低碱染色技术合作",
    "textile_aux": "短流程冷轧堆前处理助剂应用试验",
    "ptmeg": "高回弹氨纶专用PTMEG联合开发",
    "pu_coating": "无溶剂聚氨酯复合胶应用开发",
    "dty": "仿记忆涤纶面料联合开发",
    "aeo": "低泡高效精练剂复配研究",
    "chloroform": "三氯甲烷中水分与游离氯指标联合控制",
    "vdc": "偏二氯乙烯阻聚剂与储运安全技术合作",
}

INFO_NOTES = ["原料价格与装置检修计划信息共享", "危化品物流与运输计划信息互通",
              "产能与库存信息互通（链长制供需平台）"]
TEXTILE_INFO_NOTES = ["市场行情与出口订单信息共享", "流行色与面料趋势信息共享",
                      "产能与库存信息互通（链长制供需平台）"]
TEXTILE_GOODS = {"disperse_dye", "reactive_dye", "sulfur_black", "textile_aux", "poy", "fdy",
                 "dty", "grey_fabric", "dyed_fabric", "laminated_fabric", "pet_chip"}

TALENT_NOTES = {
    ("*", "basic"): ["危化品安全管理人员交流培训", "共建危化品安全生产实训基地"],
    ("*", "fluorine"): ["氟化工高级工程师柔性共享", "氟聚合工艺技师联合培养"],
    ("*", "electronic"): ["半导体材料工程师联合培养", "共建洁净车间操作技能培训"],
    ("*", "polymer"): ["高分子材料博士后工作站联合招收", "聚合工艺技师联合培养"],
    ("杭州湾上虞经济技术开发区", "dye_textile"): ["染料合成与三废治理工程师柔性共享",
                                                "精细化工操作技师联合培养"],
    ("上虞经济开发区", "fluorine"): ["膜材料工程师联合培养", "膜制备工艺技师交流"],
    ("上虞经济开发区", "polymer"): ["改性与纺丝工艺技师联合培养", "高分子材料博士后工作站联合招收"],
    ("柯桥经济技术开发区", "dye_textile"): ["化纤与面料开发技师联合培训", "纺织工艺工程师交流"],
    ("绍兴柯桥滨海工业区", "dye_textile"): ["染整技师联合培训（校企订单班）",
                                          "印染节能减排技术人员交流"],
}

CAPITAL_NOTES = {
    # a large buyer supports a smaller supplier
    "buyer": ["供应链金融：核心企业应收账款确权融资", "预付货款锁定产能", "产业基金参股扩产项目"],
    # a large supplier supports a smaller customer
    "supplier": ["赊销授信与承兑汇票结算支持", "联合申报省级技改项目资金"],
}

_BACKUP = "互为应急备份供应（保供协议）"
_ORDERS = "产能互补、联合接单"
_FAIR = "联合参展拓展海外市场"
_OEM = "委托加工（OEM）"
PRODUCT_NOTES = {
    pid: [f"{n}：{name}" for n in notes]
    for pid, name, notes in [
        ("ahf", "无水氟化氢", [_BACKUP, _ORDERS]),
        ("sulfuric_acid", "硫酸", [_BACKUP]),
        ("caustic_soda", "烧碱", [_BACKUP]),
        ("h2o2", "双氧水", [_BACKUP]),
        ("hcfc22", "R22", [_BACKUP, _ORDERS]),
        ("ptfe", "聚四氟乙烯", [_ORDERS, _FAIR]),
        ("hfp", "六氟丙烯", [_BACKUP]),
        ("pps", "聚苯硫醚", [_ORDERS, _FAIR]),
        ("pps_compound", "改性PPS", [_OEM, _FAIR]),
        ("aeo", "AEO", [_OEM, _ORDERS]),
        ("eo_po_polyether", "嵌段聚醚", [_OEM, _ORDERS]),
        ("ppg", "聚醚多元醇", [_ORDERS]),
        ("disperse_dye", "分散染料", [_OEM, _FAIR, _ORDERS]),
        ("reactive_dye", "活性染料", [_OEM, _FAIR]),
        ("textile_aux", "印染助剂", [_OEM, _ORDERS]),
        ("pet_chip", "聚酯切片", [_ORDERS]),
        ("poy", "涤纶POY", [_ORDERS]),
        ("fdy", "涤纶FDY", [_ORDERS, _FAIR]),
        ("grey_fabric", "坯布", ["来纱加工、产能互补", _FAIR]),
        ("dyed_fabric", "印染面料", ["来坯加工、产能互补", _FAIR]),
        ("laminated_fabric", "复合面料", [_ORDERS]),
        ("ehf", "电子级氢氟酸", [_BACKUP]),
        ("benzene", "纯苯", ["管输互供、检修期互为保供"]),
        ("propylene", "丙烯", ["管输互供、检修期互为保供"]),
        ("naphtha", "石脑油", ["管输互供、检修期互为保供"]),
    ]
}


# fmt: on


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def h(*parts: object) -> float:
    """A stable pseudo-random number in [0, 1) for the given parts (no global state)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def floor_sig(v: float, sig: int = 2) -> float:
    """Round ``v`` down to ``sig`` significant digits (never up: volumes stay within limits)."""
    if v <= 0:
        return 0.0
    e = math.floor(math.log10(v)) - sig + 1
    q = 10.0**e
    return math.floor(v / q + 1e-9) * q


def fmt(v: float) -> str:
    if abs(v - round(v)) < 1e-9:
        return str(round(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")


def org_code_check(first8: str) -> str:
    """GB 11714 check character of an organisation code (positions 9-17 of a credit code)."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c, 36) * w for c, w in zip(first8, weights, strict=True))
    c9 = 11 - total % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


# ---------------------------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------------------------
def build() -> dict[str, list[dict[str, str]]]:
    products = {p[0]: p for p in P}
    unit_of = {p[0]: p[5] for p in P}
    inputs_of: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for i, o, f, _ in ROUTES:
        inputs_of[o].append((i, f))

    rng = random.Random(20240615)
    firms = []
    used_codes: set[str] = set()
    used_phones: set[str] = set()
    for idx, row in enumerate(FIRMS, start=1):
        (
            key,
            core,
            py,
            park,
            biz,
            chain,
            stage,
            scale,
            listed,
            founded,
            tags,
            makes,
            excl,
            collab,
            prefix,
        ) = row
        eid = f"E{idx:04d}"
        park_name, region, division = PARKS[park]
        suffix = (
            "股份有限公司" if listed or (scale == "大型" and h(key, "ltd") < 0.4) else "有限公司"
        )
        name = f"{prefix}{core}{biz}{suffix}"
        # credit code: 9 (工商) 1 (企业) + division + organisation code + check
        while True:
            if founded >= 2016:
                body = "MA2" + "".join(
                    rng.choice(CREDIT_ALPHABET[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(5)
                )
            else:
                body = rng.choice("0567") + "".join(rng.choice("0123456789") for _ in range(7))
            org = body + org_code_check(body)
            first17 = f"91{division}{org}"
            if any(c not in CREDIT_ALPHABET for c in first17):
                continue
            code = first17 + credit_code_check_char(first17)
            if code not in used_codes:
                used_codes.add(code)
                break
        contact = phone = email = ""
        if h(key, "contact") < 0.42 or (collab and h(key, "contact2") < 0.2):
            contact = (
                SURNAMES[int(h(key, "sn") * len(SURNAMES))]
                + TITLES[int(h(key, "tt") * len(TITLES))]
            )
            area, mid = {
                "shangyu": ("0575", "82"),
                "keqiao": ("0575", "84"),
                "ningbo": ("0574", "86"),
            }[region]
            while True:
                phone = f"{area}-{mid}{rng.randrange(100000, 1000000)}"
                if phone not in used_phones:
                    used_phones.add(phone)
                    break
            email = f"{MAIL_BOXES[int(h(key, 'mb') * len(MAIL_BOXES))]}@{py}.example.com"
        util = 0.78 + 0.17 * h(key, "util")
        firms.append(
            {
                "key": key,
                "id": eid,
                "name": name,
                "core": core,
                "py": py,
                "short_name": core + SHORT_BIZ[biz],
                "aliases": FORMER_NAMES.get(key, ""),
                "credit_code": code,
                "region_id": region,
                "park": park_name,
                "chain_id": chain,
                "stage": stage,
                "scale": scale,
                "listed": "是" if listed else "否",
                "founded": founded,
                "tags": "|".join(TAGS[c] for c in tags),
                "contact_person": contact,
                "phone": phone,
                "email": email,
                "makes": makes,
                "exclude": set(excl),
                "collab": collab,
                "util": util,
            }
        )
    by_id = {f["id"]: f for f in firms}

    # ---- produces / needs --------------------------------------------------------------
    produces: dict[tuple[str, str], float] = {}
    needs: dict[tuple[str, str], float] = {}
    internal: dict[tuple[str, str], float] = defaultdict(float)
    for f in firms:
        for pid, cap in f["makes"].items():
            produces[(f["id"], pid)] = cap
        for out, cap in f["makes"].items():
            for inp, factor in inputs_of.get(out, []):
                amount = cap * factor * f["util"]
                if inp in f["makes"]:
                    internal[(f["id"], inp)] += amount
                elif inp not in f["exclude"]:
                    needs[(f["id"], inp)] = needs.get((f["id"], inp), 0.0) + amount
    needs = {
        k: float(max(1, math.floor(floor_sig(v, 3))))
        if unit_of[k[1]] in COUNT_UNITS
        else floor_sig(v, 3)
        for k, v in needs.items()
        if v > 0
    }
    # inputs needed only through co-product routes (factor 0) do not become needs

    # ---- supplies ---------------------------------------------------------------------
    avail = {k: cap * 0.95 - internal[k] for k, cap in produces.items()}
    producers: dict[str, list[str]] = defaultdict(list)
    for eid, pid in sorted(produces):
        producers[pid].append(eid)
    supplied = set(SUPPLIED)
    supplies = []
    chain_rank = {"上游": 0, "中游": 1, "下游": 2}
    # buyers served in chain order (upstream first) so feedstock allocations come first
    demand_rows = sorted(
        (k for k in needs if k[1] in supplied and by_id[k[0]]["collab"]),
        key=lambda k: (chain_rank[products[k[1]][8]], k[1], -needs[k], k[0]),
    )
    for buyer, pid in demand_rows:
        b = by_id[buyer]
        cands = [
            s
            for s in producers[pid]
            if s != buyer
            and by_id[s]["collab"]
            and avail[(s, pid)] > 0
            and (pid not in LOCAL_ONLY or by_id[s]["region_id"] == b["region_id"])
        ]
        cands.sort(key=lambda s: (by_id[s]["region_id"] != b["region_id"], -avail[(s, pid)], s))
        if not cands:
            continue
        k = 1
        if len(cands) > 1 and h(buyer, pid, "k") < 0.55:
            k = 2
        if len(cands) > 2 and h(buyer, pid, "k3") < 0.25:
            k = 3
        share_local = 0.55 + 0.4 * h(buyer, pid, "share")
        want = needs[(buyer, pid)] * share_local
        for rank, s in enumerate(cands[:k]):
            part = want * ([1.0], [0.6, 0.4], [0.5, 0.3, 0.2])[k - 1][rank]
            vol = floor_sig(min(part, avail[(s, pid)]), 2)
            if unit_of[pid] in COUNT_UNITS:
                vol = float(math.floor(vol))
            if vol <= 0:
                continue
            avail[(s, pid)] -= vol
            lo = max(2010, by_id[s]["founded"] + 1, b["founded"] + 1)
            since = lo + int(h(s, buyer, pid, "since") * (SOURCE_YEAR - lo + 1))
            supplies.append(
                {
                    "supplier_id": s,
                    "buyer_id": buyer,
                    "product_id": pid,
                    "volume": vol,
                    "unit": unit_of[pid],
                    "since": min(since, SOURCE_YEAR),
                    "source": SOURCES[int(h(s, buyer, pid, "src") * len(SOURCES))],
                }
            )

    # ---- cooperations -----------------------------------------------------------------
    coops: dict[tuple[str, str, str], dict[str, object]] = {}

    def add_coop(a: str, b: str, kind: str, note: str, since: int | None = None) -> bool:
        if a == b or (a, b, kind) in coops:
            return False
        lo = max(2015, by_id[a]["founded"] + 1, by_id[b]["founded"] + 1)
        year = since or lo + int(h(a, b, kind, "y") * (SOURCE_YEAR - lo + 1))
        coops[(a, b, kind)] = {
            "from_id": a,
            "to_id": b,
            "kind": kind,
            "since": min(year, SOURCE_YEAR),
            "note": note,
        }
        return True

    # curated cooperations first (keys of FIRMS, not ids)
    key_to_id = {f["key"]: f["id"] for f in firms}
    for ka, kb, kind, note in HAND_COOPS:
        assert by_id[key_to_id[ka]]["collab"] and by_id[key_to_id[kb]]["collab"], (ka, kb)
        add_coop(key_to_id[ka], key_to_id[kb], kind, note)

    # 技术: joint development along the largest supply edge of each key product
    seen_prod: set[str] = set()
    for e in sorted(supplies, key=lambda e: (e["product_id"], -e["volume"], e["buyer_id"])):
        pid = e["product_id"]
        if (
            pid in TECH_NOTES
            and pid not in seen_prod
            and add_coop(e["supplier_id"], e["buyer_id"], "技术", TECH_NOTES[pid])
        ):
            seen_prod.add(pid)

    # 信息: cross-region supply pairs share plans, prices, logistics
    pair_goods: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in supplies:
        if by_id[e["supplier_id"]]["region_id"] != by_id[e["buyer_id"]]["region_id"]:
            pair_goods[(e["supplier_id"], e["buyer_id"])].add(e["product_id"])
    for a, b in sorted(pair_goods, key=lambda p: h(*p, "info"))[:22]:
        notes = TEXTILE_INFO_NOTES if pair_goods[(a, b)] & TEXTILE_GOODS else INFO_NOTES
        add_coop(a, b, "信息", notes[int(h(a, b, "in") * len(notes))])

    # 人才: firms of one park and one chain share engineers and training
    collab_ids = sorted(f["id"] for f in firms if f["collab"])
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for eid in collab_ids:
        f = by_id[eid]
        groups[
            (
                f["park"],
                f["chain_id"] if f["chain_id"] != "fluorine" or f["stage"] != "上游" else "basic",
            )
        ].append(eid)
    talent = []
    for (park, group), ids in sorted(groups.items()):
        ids = sorted(ids, key=lambda x: h(x, "tal"))
        for a, b in zip(ids[0::2], ids[1::2], strict=False):
            talent.append((a, b, park, group))
    for a, b, park, group in sorted(talent, key=lambda t: h(*t, "tl"))[:18]:
        notes = TALENT_NOTES.get((park, group)) or TALENT_NOTES[("*", group)]
        add_coop(a, b, "人才", notes[int(h(a, b, "tn") * len(notes))])

    # 资金: large firms finance smaller partners of the same chain on their supply edges
    cap_pairs = set()
    for e in supplies:
        s, bb = by_id[e["supplier_id"]], by_id[e["buyer_id"]]
        if s["chain_id"] != bb["chain_id"]:
            continue
        if bb["scale"] == "大型" and s["scale"] != "大型":
            cap_pairs.add((bb["id"], s["id"], "buyer"))
        elif s["scale"] == "大型" and bb["scale"] != "大型":
            cap_pairs.add((s["id"], bb["id"], "supplier"))
    for a, b, role in sorted(cap_pairs, key=lambda p: h(*p, "cap"))[:15]:
        notes = CAPITAL_NOTES[role]
        add_coop(a, b, "资金", notes[int(h(a, b, "cn") * len(notes))])

    # 产品: co-producers of the same product back each other up or share orders
    co_pairs = []
    for pid, ids in sorted(producers.items()):
        if pid not in PRODUCT_NOTES:
            continue
        ids = [x for x in ids if by_id[x]["collab"]]
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                co_pairs.append((ids[i], ids[j], pid))
    picked = 0
    for a, b, pid in sorted(co_pairs, key=lambda t: h(*t, "prod")):
        if picked >= 15:
            break
        notes = PRODUCT_NOTES[pid]
        if add_coop(a, b, "产品", notes[int(h(a, b, "pn") * len(notes))]):
            picked += 1

    # every collaborating firm has at least one edge: match it with a potential partner
    def touched() -> set[str]:
        t: set[str] = set()
        for e in supplies:
            t.update((e["supplier_id"], e["buyer_id"]))
        for c in coops.values():
            t.update((str(c["from_id"]), str(c["to_id"])))
        return t

    for eid in collab_ids:
        if eid in touched():
            continue
        f = by_id[eid]
        options = []
        for x in collab_ids:
            if x == eid:
                continue
            for pid in sorted(f["makes"]):
                if (x, pid) in needs:
                    options.append(
                        (by_id[x]["region_id"] != f["region_id"], h(eid, x), eid, x, pid)
                    )
            for y, pid in needs:
                if y == eid and (x, pid) in produces:
                    options.append(
                        (by_id[x]["region_id"] != f["region_id"], h(eid, x), x, eid, pid)
                    )
        assert options, f"no partner for {eid}"
        _, _, a, b, pid = min(options)
        add_coop(a, b, "信息", f"供需对接：{products[pid][1]}意向供货，共享产销与检修计划")

    # ---- rows --------------------------------------------------------------------------
    tables: dict[str, list[dict[str, str]]] = {}
    tables["chains"] = [
        dict(zip(["id", "name", "name_en", "description"], c, strict=True)) for c in sorted(CHAINS)
    ]
    tables["regions"] = [
        dict(zip(["id", "name", "name_en", "city", "province", "role"], r, strict=True))
        for r in sorted(REGIONS)
    ]
    tables["products"] = [
        {
            "id": p[0],
            "name": p[1],
            "name_en": p[2],
            "cas": p[3],
            "hs_code": p[4],
            "unit": p[5],
            "aliases": p[6],
            "chain_id": p[7],
            "stage": p[8],
        }
        for p in sorted(P)
    ]
    ent_cols = COLUMNS["enterprises"]
    tables["enterprises"] = [{c: str(f[c]) for c in ent_cols} for f in firms]
    tables["produces"] = [
        {"enterprise_id": e, "product_id": p, "capacity": fmt(v), "unit": unit_of[p]}
        for (e, p), v in sorted(produces.items())
    ]
    tables["needs"] = [
        {"enterprise_id": e, "product_id": p, "annual_demand": fmt(v), "unit": unit_of[p]}
        for (e, p), v in sorted(needs.items())
    ]
    tables["supplies"] = [
        {
            "supplier_id": e["supplier_id"],
            "buyer_id": e["buyer_id"],
            "product_id": e["product_id"],
            "volume": fmt(e["volume"]),
            "unit": e["unit"],
            "since": str(e["since"]),
            "source": e["source"],
        }
        for e in sorted(supplies, key=lambda e: (e["supplier_id"], e["buyer_id"], e["product_id"]))
    ]
    tables["cooperations"] = [{k: str(v) for k, v in c.items()} for _, c in sorted(coops.items())]
    tables["product_inputs"] = [
        {"input_id": i, "output_id": o, "note": note}
        for i, o, _, note in sorted(ROUTES, key=lambda r: (r[1], r[0]))
    ]
    return tables


#: the bundle's columns, in the order docs/bundle.md and the validator give them
COLUMNS = {name: list(cols) for name, cols in HEADERS.items()}


def write(tables: dict[str, list[dict[str, str]]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, cols in COLUMNS.items():
        with open(OUT / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            for row in tables[name]:
                w.writerow({c: row.get(c, "") for c in cols})


def read() -> dict[str, list[dict[str, str]]]:
    tables = {}
    for name, cols in COLUMNS.items():
        raw = (OUT / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}.csv has a BOM"
        with open(OUT / f"{name}.csv", encoding="utf-8", newline="") as fh:
            r = csv.DictReader(fh)
            assert r.fieldnames == cols, f"{name}.csv columns {r.fieldnames} != {cols}"
            tables[name] = list(r)
    return tables


# ---------------------------------------------------------------------------------------------
# Verify
# ---------------------------------------------------------------------------------------------
ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
UNITS = {"t", "kt", "万t", "kg", "m", "万m", "m2", "片", "台", "套"}
STRIP = ["股份有限公司", "有限责任公司", "有限公司"]
REGION_PREFIXES = [
    "绍兴柯桥",
    "绍兴上虞",
    "宁波镇海",
    "宁波北仑",
    "浙江",
    "绍兴",
    "上虞",
    "宁波",
    "柯桥",
    "镇海",
    "北仑",
    "大榭",
]


def normalise_firm_name(name: str) -> str:
    for s in STRIP:
        name = name.replace(s, "")
    changed = True
    while changed:
        changed = False
        for pre in REGION_PREFIXES:
            if name.startswith(pre):
                name = name[len(pre) :]
                changed = True
    return name


def verify(t: dict[str, list[dict[str, str]]]) -> None:
    ent = {r["id"]: r for r in t["enterprises"]}
    prod = {r["id"]: r for r in t["products"]}
    chains = {r["id"] for r in t["chains"]}
    regions = {r["id"] for r in t["regions"]}

    # ids, uniqueness, references
    for name in ("chains", "regions", "products", "enterprises"):
        ids = [r["id"] for r in t[name]]
        assert len(ids) == len(set(ids)), f"duplicate ids in {name}"
        assert all(ID_RE.match(i) for i in ids), f"bad id in {name}"
    for r in t["products"]:
        assert r["unit"] in UNITS, r
        assert r["chain_id"] in chains and r["stage"] in ("上游", "中游", "下游"), r
        assert r["cas"] == "" or is_valid_cas(r["cas"]), f"bad CAS {r}"
        assert r["hs_code"] == "" or re.fullmatch(r"\d{4,10}", r["hs_code"]), r
    for r in t["enterprises"]:
        assert r["region_id"] in regions and r["chain_id"] in chains, r
        assert r["stage"] in ("上游", "中游", "下游") and r["scale"] in (
            "大型",
            "中型",
            "小型",
            "微型",
        ), r
        assert is_valid_credit_code(r["credit_code"]), f"bad credit code {r}"
        assert 1900 <= int(r["founded"]) <= SOURCE_YEAR, r
        assert r["listed"] in ("是", "否"), r
        assert r["email"] == "" or r["email"].endswith(".example.com"), r
        assert not any(g in r["name"] for g in REAL_NAME_GUARD), f"real-looking name {r}"
    codes = [r["credit_code"] for r in t["enterprises"]]
    assert len(codes) == len(set(codes)), "duplicate credit codes"
    for r in t["enterprises"]:
        div = r["credit_code"][2:8]
        assert div in {"330604", "330603", "330211", "330206", "330201"}, r
    names = [r["name"] for r in t["enterprises"]]
    assert len(names) == len(set(names)), "duplicate firm names"
    norm = [normalise_firm_name(n) for n in names]
    dup = [n for n, c in Counter(norm).items() if c > 1]
    assert not dup, f"firms that look like the same firm: {dup}"
    cores = [n[:2] for n in norm]
    assert len(set(cores)) == len(cores), "two firms share a trade name (字号)"
    phones = [r["phone"] for r in t["enterprises"] if r["phone"]]
    assert len(phones) == len(set(phones)), "duplicate phone numbers"

    def pair_rows(name: str, a: str, b: str) -> set[tuple[str, str]]:
        rows = {(r[a], r[b]) for r in t[name]}
        assert len(rows) == len(t[name]), f"duplicate rows in {name}"
        return rows

    produces = pair_rows("produces", "enterprise_id", "product_id")
    needs = pair_rows("needs", "enterprise_id", "product_id")
    for name in ("produces", "needs"):
        qty = "capacity" if name == "produces" else "annual_demand"
        for r in t[name]:
            assert r["enterprise_id"] in ent and r["product_id"] in prod, r
            assert r["unit"] == prod[r["product_id"]]["unit"], r
            assert float(r[qty]) > 0, r
    cap = {(r["enterprise_id"], r["product_id"]): float(r["capacity"]) for r in t["produces"]}
    dem = {(r["enterprise_id"], r["product_id"]): float(r["annual_demand"]) for r in t["needs"]}
    assert not (produces & needs), "a firm needs what it makes itself"
    makers = {e for e, _ in produces}
    assert makers == set(ent), "every enterprise produces at least one product"
    routes = {(r["input_id"], r["output_id"]) for r in t["product_inputs"]}
    assert len(routes) == len(t["product_inputs"]), "duplicate routes"
    for i, o in routes:
        assert i in prod and o in prod and i != o, (i, o)
    made_by: dict[str, set[str]] = defaultdict(set)
    for e, p in produces:
        made_by[e].add(p)
    positive = {k for k, f in ROUTE_FACTORS if f > 0}
    buyers_without_needs = []
    for e in ent:
        if not any(x == e for x, _ in needs):
            buyers_without_needs.append(e)
            # only pure raw-material producers: nothing they make has an outside input
            assert not any(
                (i, p) in positive and i not in made_by[e] for p in made_by[e] for i in prod
            ), f"{e} has inputs but no needs"
    for e, p in needs:  # every need is justified by a route to something the firm makes
        assert any((p, q) in routes for q in made_by[e]), (e, p)

    # supplies
    sup_keys = set()
    out_vol: dict[tuple[str, str], float] = defaultdict(float)
    in_vol: dict[tuple[str, str], float] = defaultdict(float)
    for r in t["supplies"]:
        s, b, p = r["supplier_id"], r["buyer_id"], r["product_id"]
        assert s in ent and b in ent and p in prod, r
        assert s != b, f"self supply {r}"
        assert (s, p) in produces, f"supplier does not produce {r}"
        assert (b, p) in needs, f"buyer does not need {r}"
        assert (s, b, p) not in sup_keys, f"duplicate supply {r}"
        sup_keys.add((s, b, p))
        v = float(r["volume"])
        assert 0 < v <= cap[(s, p)] and v <= dem[(b, p)], f"volume out of range {r}"
        assert r["unit"] == prod[p]["unit"], r
        assert r["unit"] not in COUNT_UNITS or v == int(v), f"fractional count {r}"
        out_vol[(s, p)] += v
        in_vol[(b, p)] += v
    for k, v in out_vol.items():
        assert v <= cap[k] + 1e-6, f"supplier over capacity {k}"
    for k, v in in_vol.items():
        assert v <= dem[k] + 1e-6, f"buyer over demand {k}"

    # cooperations
    kinds = Counter()
    ckeys = set()
    for r in t["cooperations"]:
        assert r["from_id"] in ent and r["to_id"] in ent and r["from_id"] != r["to_id"], r
        assert r["kind"] in ("信息", "技术", "人才", "资金", "产品"), r
        k = (r["from_id"], r["to_id"], r["kind"])
        assert k not in ckeys, f"duplicate cooperation {r}"
        ckeys.add(k)
        kinds[r["kind"]] += 1

    # figures
    collaborating = set()
    for r in t["supplies"]:
        collaborating.update((r["supplier_id"], r["buyer_id"]))
    for r in t["cooperations"]:
        collaborating.update((r["from_id"], r["to_id"]))
    supplied_products = {r["product_id"] for r in t["supplies"]}
    producers: dict[str, set[str]] = defaultdict(set)
    for e, p in produces:
        producers[p].add(e)
    needers: dict[str, set[str]] = defaultdict(set)
    for e, p in needs:
        needers[p].add(e)
    gaps = sorted(p for p in needers if not producers.get(p))
    single = sorted(p for p, es in producers.items() if len(es) == 1)
    no_buyer = [p for p in producers if not (needers.get(p, set()) - producers[p])]
    captive = sorted(
        p for p in no_buyer if any((p, q) in routes for e in producers[p] for q in made_by[e])
    )
    unsold = sorted(p for p in no_buyer if p not in captive)
    orphans = sorted(p for p in prod if p not in producers and p not in needers)
    region_count = Counter(r["region_id"] for r in t["enterprises"])
    scale_count = Counter(r["scale"] for r in t["enterprises"])
    chain_count = Counter(r["chain_id"] for r in t["products"])
    cross = sum(
        1
        for r in t["supplies"]
        if ent[r["supplier_id"]]["region_id"] != ent[r["buyer_id"]]["region_id"]
    )

    print("ChainAtlas demo bundle:", OUT.relative_to(ROOT))
    by_region = dict(sorted(region_count.items()))
    print(f"  enterprises                {len(ent)}   by region {by_region}")
    print(f"                                   by scale  {dict(scale_count)}")
    print(f"  listed                     {sum(r['listed'] == '是' for r in t['enterprises'])}")
    print(f"  with contact details       {sum(bool(r['phone']) for r in t['enterprises'])}")
    print(f"  collaborating enterprises  {len(collaborating)}")
    print(f"  supplied products          {len(supplied_products)}")
    print(f"  chains                     {len(chains)}   {sorted(chains)}")
    print(f"  regions                    {len(regions)}   {sorted(regions)}")
    by_chain = dict(sorted(chain_count.items()))
    print(f"  products                   {len(prod)}   by chain {by_chain}")
    print(f"  process routes             {len(t['product_inputs'])}")
    print(f"  produces / needs rows      {len(t['produces'])} / {len(t['needs'])}")
    print(f"  supply edges               {len(t['supplies'])}   (cross-region {cross})")
    print(f"  cooperations               {len(t['cooperations'])}   {dict(sorted(kinds.items()))}")
    print(f"  gap products (needed, no producer) {len(gaps)}: {', '.join(gaps)}")
    print(f"  single-source products     {len(single)}: {', '.join(single)}")
    print(f"  produced, no local buyer   {len(unsold)}: {', '.join(unsold)}")
    print(f"  captive intermediates      {len(captive)}: {', '.join(captive)}")
    print(
        f"  firms with no needs (raw-material producers) {len(buyers_without_needs)}: "
        f"{', '.join(sorted(buyers_without_needs))}"
    )

    assert not orphans, f"products nobody makes or needs: {orphans}"
    assert len(ent) == 155
    assert len(collaborating) == 90
    assert len(supplied_products) == 56
    assert len(chains) == 4 and "polymer" in chains
    assert regions == {"shangyu", "ningbo", "keqiao"}
    assert all(kinds[k] >= 5 for k in ("信息", "技术", "人才", "资金", "产品")), kinds
    assert len(gaps) >= 6 and single and unsold
    print("  all checks passed")


ROUTE_FACTORS = [((i, o), f) for i, o, f, _ in ROUTES]


def main() -> None:
    if "--check" not in sys.argv:
        write(build())
    verify(read())


if __name__ == "__main__":
    main()
