package cn.shandong.chsync.simulator;

import java.util.List;
import java.util.Map;

/** The cities of the notices: their GB/T 2260 codes, names and county codes. */
final class Cities {

    record City(String code, String name, List<String> counties) {
    }

    static final Map<String, City> ALL = Map.of(
            "371600", new City("371600", "滨州", List.of("371602", "371603", "371621", "371622", "371623", "371625", "371681")),
            "370600", new City("370600", "烟台", List.of("370602", "370611", "370612", "370613", "370614", "370681",
                    "370682", "370683", "370685", "370686", "370687")),
            "371000", new City("371000", "威海", List.of("371002", "371003", "371082", "371083")),
            "370700", new City("370700", "潍坊", List.of("370702", "370703", "370704", "370705", "370781", "370782",
                    "370783", "370784", "370785", "370786")));

    /** Units every city has, as templates of the city's name. */
    static final List<String> EMPLOYERS = List.of("%s市人民医院", "%s市中心医院", "%s市中医医院", "%s市第一中学",
            "%s市实验小学", "%s职业学院", "%s市农业农村局", "%s市自然资源和规划局", "%s市水利局",
            "%s市建筑设计研究院有限公司", "%s市疾病预防控制中心", "%s市公路事业发展中心", "%s市农业科学研究院",
            "%s港集团有限公司");

    private Cities() {
    }
}
