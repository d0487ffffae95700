package cn.shandong.chsync.source;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.mapping.MappingLoader;
import cn.shandong.chsync.mapping.PageReader;
import cn.shandong.chsync.mapping.RecordMapper;
import cn.shandong.chsync.record.RecordValidator;
import cn.shandong.chsync.security.PlatformAddresses;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The platforms this service pulls from: one per mapping file, read and checked when the
 * application starts, so a bad file stops start-up with its name and field.
 */
@Component
public class SourceCatalog {

    private final Map<String, MappingDefinition> mappings = new LinkedHashMap<>();
    private final Map<String, RecordMapper> mappers = new LinkedHashMap<>();
    private final Map<String, PageReader> readers = new LinkedHashMap<>();
    private final Map<String, Pager> pagers = new LinkedHashMap<>();

    SourceCatalog(SyncProperties properties, Environment environment, Clock clock, PlatformAddresses addresses) {
        var validation = properties.validation();
        var validator = new RecordValidator(validation.maxHours(), validation.earliestCompletion(),
                validation.lastCreditYear(), clock);
        List<MappingDefinition> all = new MappingLoader(environment::resolveRequiredPlaceholders)
                .loadAll(properties.mappingsDir());
        for (MappingDefinition mapping : all) {
            // an address off the allow-list stops start-up naming the mapping
            addresses.check(environment.resolveRequiredPlaceholders(mapping.request().baseUrl()),
                    "mappings/" + mapping.id() + ".mapping.yaml request.baseUrl");
            mappings.put(mapping.id(), mapping);
            mappers.put(mapping.id(), new RecordMapper(mapping, validation.hoursPerCredit(), validator));
            readers.put(mapping.id(), new PageReader(mapping));
            pagers.put(mapping.id(), Pager.of(mapping.request().paging(), clock));
        }
    }

    public Collection<MappingDefinition> all() {
        return mappings.values();
    }

    public List<String> ids() {
        return List.copyOf(mappings.keySet());
    }

    public Optional<MappingDefinition> find(String sourceId) {
        return Optional.ofNullable(mappings.get(sourceId));
    }

    public MappingDefinition get(String sourceId) {
        return find(sourceId).orElseThrow(() -> new IllegalArgumentException("no source " + sourceId));
    }

    RecordMapper mapper(String sourceId) {
        return mappers.get(sourceId);
    }

    PageReader reader(String sourceId) {
        return readers.get(sourceId);
    }

    Pager pager(String sourceId) {
        return pagers.get(sourceId);
    }
}
