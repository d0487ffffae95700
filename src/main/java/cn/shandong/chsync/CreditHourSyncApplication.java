package cn.shandong.chsync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CreditHourSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(CreditHourSyncApplication.class, args);
    }
}
