"""Strings of the project appraisal: the Projects page and its table, chart and downloads."""

STRINGS: dict[str, dict[str, str]] = {
    "page_projects": {"zh": "项目评估", "en": "Projects"},
    "appr_intro": {
        "zh": "哪些规划项目最值得建？每个项目对各项指标的公平贡献（Shapley值）：在许多项目组合情景中，"
              "该项目加入时带来的平均变化。另列单独新增（在所选年份按开通年份的路网上只建该项目）和单独去掉（全部项目中只不建该项目）"
              "的变化，以及项目两两之间的协同作用。",
        "en": "Which plan projects buy the most? Each project's fair share (Shapley value) of every indicator: the "
              "average change it makes when it joins, over many combinations of projects. Also shown: the change "
              "it makes alone on the network of the chosen year (add-one), what is lost without it in the full "
              "plan (drop-one), "
              "and how pairs of projects work together.",
    },
    "appr_year": {"zh": "基准年份", "en": "Base year"},
    "appr_projects": {"zh": "评估的项目", "en": "Projects appraised"},
    "appr_mode": {"zh": "出行方式", "en": "Travel mode"},
    "appr_samples": {"zh": "抽样次序数（越多越准，越慢）", "en": "Sampled orders (more is more precise, and slower)"},
    "appr_samples_help": {
        "zh": "项目不超过8个时逐一计算所有组合（精确值）；更多时按随机次序及其逆序成对抽样估计（只在一起才起作用的两个项目因此分得公平），并给出标准误差。",
        "en": "Up to 8 projects every combination is evaluated (exact); beyond, random orders are sampled, each "
              "with its reverse (so two projects that work only together share fairly), and the standard error "
              "is given.",
    },
    "appr_pairs": {"zh": "计算项目两两协同（每对多2个情景）", "en": "Pairwise interactions (2 more scenarios per pair)"},
    "appr_running": {"zh": "正在计算情景 {done}/{total}", "en": "Evaluating scenarios {done}/{total}"},
    "appr_no_projects": {"zh": "请至少选择一个项目。", "en": "Choose at least one project."},
    "appr_indicator": {"zh": "指标", "en": "Indicator"},
    "appr_summary": {
        "zh": "{name}：{year}年路网 {base} → 加上全部所选项目 {full}（变化 {change}）",
        "en": "{name}: the {year} network {base} → with all the projects chosen {full} (change {change})",
    },
    "appr_method_exact": {"zh": "精确计算（全部 {n} 个项目的所有组合）", "en": "Exact (every combination of {n} projects)"},
    "appr_method_sampled": {
        "zh": "抽样估计：{samples} 个次序（随机次序及其逆序），误差线为±1个标准误差",
        "en": "Sampled: {samples} orders (random, each with its reverse); error bars are ± one standard error",
    },
    "appr_sweep": {
        "zh": "{scenarios} 个情景：{cached} 个来自缓存，{evaluated} 个新计算，用时 {seconds:.1f} 秒",
        "en": "{scenarios} scenarios: {cached} from the cache, {evaluated} evaluated in {seconds:.1f} s",
    },
    "appr_gain_axis": {"zh": "贡献（越大越好）", "en": "Share (more is better)"},
    "appr_gain_note": {
        "zh": "贡献按指标的改善方向计：分钟为节省的分钟数，人口、公里和达标数为增加量。",
        "en": "Shares count the way the indicator improves: minutes saved; people, km and targets met gained.",
    },
    "appr_nothing": {"zh": "所选项目都不改变该指标。", "en": "None of the projects changes this indicator."},
    "appr_interactions": {"zh": "项目协同（两项目合起来超出各自之和的部分）",
                          "en": "Interactions (what a pair is worth beyond its two parts)"},
    "appr_no_interactions": {"zh": "没有项目对之间的协同作用。", "en": "No pair of projects interacts."},
    "appr_table": {"zh": "全部结果", "en": "All results"},
    "appr_download": {"zh": "下载CSV", "en": "Download CSV"},
    "appr_col_project": {"zh": "项目", "en": "Project"},
    "appr_col_pair": {"zh": "项目对", "en": "Pair"},
    "appr_col_shapley": {"zh": "Shapley值", "en": "Shapley"},
    "appr_table_note": {
        "zh": "下表为指标本身的变化量（分钟：负值为更快）；上图为改善量（越大越好）。",
        "en": "The table gives the change in the indicator itself (minutes: negative = faster); the chart above "
              "gives the improvement (more is better).",
    },
    "appr_unit_min": {"zh": "分钟", "en": "min"},
    "appr_unit_km": {"zh": "公里", "en": "km"},
    "appr_unit_pairs": {"zh": "对", "en": "pairs"},
    "appr_unit_people": {"zh": "人", "en": "people"},
    "appr_unit_bn_CNY": {"zh": "十亿元", "en": "bn CNY"},
    "appr_col_se": {"zh": "标准误差", "en": "Std. error"},
    "appr_col_add": {"zh": "单独新增", "en": "Add-one"},
    "appr_col_drop": {"zh": "单独去掉", "en": "Drop-one"},
    "appr_col_rank": {"zh": "排名", "en": "Rank"},
    "appr_col_unit": {"zh": "单位", "en": "Unit"},
    "appr_col_with_base": {"zh": "在现状上", "en": "On today"},
    "appr_col_within_full": {"zh": "在全部项目中", "en": "Within all"},
}
